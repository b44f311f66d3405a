// The estate of this repository, rendered by `k8s-gitops generate` (`pnpm generate` from the
// repository root) like any other estate. The definition lives in src/estate.ts so the package's
// tests render exactly what this file exports.
import { estate } from "@k8s-gitops/clusters";

export default estate;
