import { packageTestConfig } from "../../vitest.shared.ts";
import { selfContainedTests } from "./src/test-split.ts";

// Unit tests of the CLI's own modules (task `test`) apart from the tests that render or read the
// estate (task `test:estate`, project `estate`): a component change reruns only the second, and
// inside it the result cache replays each file whose import closure and reads are unchanged.
// command-runner.test.ts runs sh and echo through the command runner, which the cache's recording
// cannot follow: the cache's sequencer runs it after every other file of the estate worker (`last`),
// so the files before it can still be stored, without a second worker importing the estate again.
export default packageTestConfig({ selfContained: selfContainedTests, last: ["src/verify/command-runner.test.ts"], resultCache: true });
