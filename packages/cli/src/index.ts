// The programmatic entry of the `k8s-gitops` command: `main(argv)` runs one command line and
// returns its exit code, as the `k8s-gitops` bin does.
export { main, type MainOptions } from "./main.js";
