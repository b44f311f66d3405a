import { packageTestConfig } from "../../vitest.shared.ts";
import { selfContainedTests } from "./src/test-split.ts";

// Unit tests of the CLI's own modules (task `test`) apart from the tests that render or read the
// estate (task `test:estate`, projects `estate` and `isolated`): a component change reruns only
// the second, and inside it the result cache replays each file whose import closure and reads are
// unchanged. generate.test.ts runs the bundled CLI in a child process and command-runner.test.ts
// runs sh and echo through the command runner, which the cache's recording cannot follow: each
// runs in a worker of its own (`isolated`), so the files after it can still be stored.
export default packageTestConfig({ selfContained: selfContainedTests, isolated: ["src/generate.test.ts", "src/verify/command-runner.test.ts"], resultCache: true });
