import { packageTestConfig } from "../vitest.shared.ts";
import { selfContainedTests } from "./src/ci/test-split.ts";

// Unit tests of scripts' own modules (task `test`) apart from the tests of the whole estate (task
// `test:estate`): a component change reruns only the second.
export default packageTestConfig({ selfContained: selfContainedTests });
