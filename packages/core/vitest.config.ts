import { packageTestConfig } from "../../vitest.shared.ts";

// Kill tests (a child process per step) and property tests over large inputs: turbo task `test:slow`.
export default packageTestConfig({
  slow: ["src/write/atomicity.test.ts", "src/inventory/parse.property.test.ts", "src/emit/fast.test.ts"],
});
