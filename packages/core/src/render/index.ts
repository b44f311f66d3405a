export { renderCluster } from "./cluster.js";
export type { ClusterDefinition } from "./cluster.js";
export { renderSharedTrees } from "./shared.js";
export { resolveDependencies } from "./graph.js";
export type { DependsOn } from "./graph.js";
export { checkGitPath, defaultGitPath, layout, relativeDir, repoPath } from "./layout.js";
export { validateResource, assertNoPlainSecret } from "./validate.js";
