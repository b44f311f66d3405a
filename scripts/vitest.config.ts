import { packageTestConfig } from "../vitest.shared.ts";
import { selfContainedTests } from "./src/ci/test-split.ts";

// Unit tests of scripts' own modules (task `test`) apart from the tests of the whole estate (task
// `test:estate`): a component change reruns only the second. The out-of-workspace estate test
// packs, installs, renders and runs helm template for minutes (task `test:slow`).
export default packageTestConfig({ selfContained: selfContainedTests, slow: ["src/pack/estate.test.ts"] });
