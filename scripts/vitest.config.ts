import { packageTestConfig } from "../vitest.shared.ts";
import { selfContainedTests } from "./src/ci/test-split.ts";

// Unit tests of scripts' own modules (task `test`) apart from the tests of the whole estate (task
// `test:estate`): a component change reruns only the second. The two tests of the packed packages
// (task `test:slow`) share one worker and one packing (`packPublicPackagesOnce`): the tarball test
// installs core and components and compiles a consumer against them, the out-of-workspace estate
// test installs all five, runs init, generate, verify (helm template of every release) and check.
// The turbo-input test (task `test:turbo`) runs turbo's dry runs on a copy of the workspace: its
// verdict follows turbo.json, the manifests and the README, which are its task's inputs, so a
// component change does not rerun it.
export default packageTestConfig({
  selfContained: selfContainedTests,
  slow: ["src/pack/pack.test.ts", "src/pack/estate.test.ts"],
  separate: { turbo: ["src/ci/turbo-inputs.test.ts"] },
});
