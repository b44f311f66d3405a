import { packageTestConfig } from "../../vitest.shared.ts";
import { selfContainedTests } from "./src/test-split.ts";

// Unit tests of the CLI's own modules (task `test`) apart from the tests that render or read the
// estate (task `test:estate`): a component change reruns only the second.
export default packageTestConfig({ selfContained: selfContainedTests });
