import { packageTestConfig } from "../vitest.shared.ts";

// The out-of-workspace estate test packs, installs, renders and runs helm template for minutes.
export default packageTestConfig({ slow: ["src/pack/estate.test.ts"] });
