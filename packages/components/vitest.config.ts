import { packageTestConfig } from "../../vitest.shared.ts";

// chart-values.test.ts type-checks every component's values in-process (it reads all sources): a
// worker of its own keeps those reads out of the other files' result-cache records.
export default packageTestConfig({ resultCache: true, isolated: ["src/chart-values.test.ts"] });
