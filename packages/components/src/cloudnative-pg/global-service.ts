import { Service } from "kubernetes-models/v1";

/** Cilium ClusterMesh: a Service with this annotation load-balances over the backends of every cluster. */
export const globalServiceAnnotation = { "service.cilium.io/global": "true" } as const;

/**
 * A Service on one cluster that another cluster reaches through ClusterMesh. Consumers on the
 * other cluster dial `host` (the same DNS name there, served by {@link globalServiceStub}).
 */
export interface GlobalServiceRef {
  /** The cluster whose pods back the Service (e.g. `infra`). */
  readonly cluster: string;
  readonly namespace: string;
  readonly name: string;
  readonly port: number;
  /** Name of the port; Cilium pairs the clusters' backends by it. @default "tcp" */
  readonly portName?: string;
}

/** In-cluster DNS name of a Service; independent of the cluster domain. */
export function serviceHost(namespace: string, name: string): string {
  return `${name}.${namespace}.svc`;
}

/**
 * The selector-less twin a consuming cluster needs: Cilium merges backends only between Services
 * of the same name and namespace that are global on both sides. It is marked
 * `service.cilium.io/shared: "false"` because this cluster has no backends to offer.
 */
export function globalServiceStub(ref: GlobalServiceRef): Service {
  return new Service({
    metadata: {
      name: ref.name,
      namespace: ref.namespace,
      annotations: { ...globalServiceAnnotation, "service.cilium.io/shared": "false" },
    },
    spec: { type: "ClusterIP", ports: [{ name: ref.portName ?? "tcp", port: ref.port, protocol: "TCP", targetPort: ref.port }] },
  });
}
