import { remoteServiceShadow } from "../clustermesh/index.js";

/** Cilium ClusterMesh: a Service with this annotation load-balances over the backends of every cluster. */
export const globalServiceAnnotation = { "service.cilium.io/global": "true" } as const;

export type { GlobalServiceRef } from "../clustermesh/index.js";

/** In-cluster DNS name of a Service; independent of the cluster domain. */
export function serviceHost(namespace: string, name: string): string {
  return `${name}.${namespace}.svc`;
}

/** The selector-less twin a consuming cluster needs (see `remoteServiceShadow`). */
export const globalServiceStub = remoteServiceShadow;
