/**
 * Typed cross-cluster Services over Cilium ClusterMesh: the owner exports a global Service and
 * returns a {@link GlobalServiceRef}; consumers on other clusters get a shadow Service and a URL
 * computed from the same ref.
 */
export {
  clusterDomain,
  exportGlobalService,
  globalServiceAnnotations,
  globalServiceRef,
  globalServiceRefProblems,
  isRemote,
  remoteServiceShadow,
  serviceHost,
  serviceUrl,
  shadowServices,
  type GlobalServiceRef,
} from "./global-service.js";
