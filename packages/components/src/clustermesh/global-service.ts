import { clusterDomain } from "@k8s-gitops/core/conventions";
import { Service } from "kubernetes-models/v1";
import { UserError, showValue, type ClusterContext } from "@k8s-gitops/core";

/**
 * A Service on one cluster of the estate that pods on any cluster reach through Cilium
 * ClusterMesh. The owning builder returns it (e.g. `victoriaMetrics(...).endpoints.remoteWrite`)
 * and consumers take it as a prop, so renaming or re-porting the Service on the owning cluster
 * moves every consumer with it.
 */
export interface GlobalServiceRef {
  /** The cluster whose pods back the Service (`cluster.name` of its inventory). */
  readonly cluster: string;
  readonly namespace: string;
  readonly name: string;
  readonly port: number;
  /**
   * Name of the Service port. Cilium pairs the backends of the clusters by port name, so the
   * shadow Service on a consuming cluster must use the owner's name. @default "http"
   */
  readonly portName?: string;
  /** @default "http" */
  readonly scheme?: "http" | "https";
  /** Path the endpoint serves under, e.g. `/insert/jsonline`. @default "" (the root) */
  readonly path?: string;
}

/** DNS suffix of in-cluster Services (a platform convention). */
export { clusterDomain };

const annotationGlobal = "service.cilium.io/global";
const annotationShared = "service.cilium.io/shared";

const dnsLabel = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
// IANA service name, which Kubernetes enforces for port names.
const portName = /^(?=.{1,15}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const urlPath = /^\/[^\s?#]*$/;

/** Every problem of a ref, each naming the field and the offending value. */
export function globalServiceRefProblems(ref: GlobalServiceRef): string[] {
  const problems: string[] = [];
  for (const field of ["cluster", "namespace", "name"] as const) {
    if (!dnsLabel.test(ref[field])) problems.push(`${field}: must be a DNS label, got ${showValue(ref[field])}`);
  }
  if (!Number.isInteger(ref.port) || ref.port < 1 || ref.port > 65535) {
    problems.push(`port: must be an integer from 1 to 65535, got ${showValue(ref.port)}`);
  }
  if (ref.portName !== undefined && !portName.test(ref.portName)) {
    problems.push(`portName: must be a lowercase IANA service name of at most 15 characters, got ${showValue(ref.portName)}`);
  }
  if (ref.scheme !== undefined && ref.scheme !== "http" && ref.scheme !== "https") {
    problems.push(`scheme: must be "http" or "https", got ${showValue(ref.scheme)}`);
  }
  if (ref.path !== undefined && ref.path !== "" && !urlPath.test(ref.path)) {
    problems.push(`path: must start with "/" and hold no spaces, query or fragment, got ${showValue(ref.path)}`);
  }
  return problems;
}

function assertValid(ref: GlobalServiceRef, where: string): GlobalServiceRef {
  const problems = globalServiceRefProblems(ref);
  if (problems.length > 0) throw new UserError(`${where}: invalid GlobalServiceRef ${showValue(ref)}`, problems);
  return ref;
}

/** A ref to a Service the cluster being built owns: the cluster name comes from the context. */
export function globalServiceRef(context: ClusterContext, service: Omit<GlobalServiceRef, "cluster">): GlobalServiceRef {
  return assertValid({ cluster: context.inventory.cluster.name, ...service }, "globalServiceRef");
}

/**
 * The Cilium annotations of a global Service. `shared: false` keeps a cluster's own backends
 * out of the other clusters' load balancing (a consumer has none to offer).
 */
export function globalServiceAnnotations(options: { readonly shared?: boolean } = {}): Readonly<Record<string, string>> {
  return { [annotationGlobal]: "true", [annotationShared]: String(options.shared ?? true) };
}

/**
 * The annotations for the serving Service on the owning cluster. Refuses a ref owned by another
 * cluster: only the owner can export its backends.
 */
export function exportGlobalService(context: ClusterContext, ref: GlobalServiceRef): Readonly<Record<string, string>> {
  assertValid(ref, "exportGlobalService");
  const cluster = context.inventory.cluster.name;
  if (ref.cluster !== cluster) {
    throw new UserError(
      `exportGlobalService: Service ${ref.namespace}/${ref.name} belongs to cluster ${showValue(ref.cluster)} and cannot be exported from cluster ${showValue(cluster)}`,
    );
  }
  return globalServiceAnnotations({ shared: true });
}

/** Whether the ref's backends run on a cluster other than the one being built. */
export function isRemote(context: ClusterContext, ref: GlobalServiceRef): boolean {
  return ref.cluster !== context.inventory.cluster.name;
}

/**
 * The selector-less Service a consuming cluster needs: Cilium load-balances a global Service
 * only where a Service of the same name and namespace exists and is annotated global, and takes
 * the backends from the owning cluster. It has no backends of its own, hence `shared: false`.
 */
export function remoteServiceShadow(ref: GlobalServiceRef): Service {
  assertValid(ref, "remoteServiceShadow");
  return new Service({
    metadata: {
      name: ref.name,
      namespace: ref.namespace,
      labels: { "k8s-gitops.io/global-service-of": ref.cluster },
      annotations: { ...globalServiceAnnotations({ shared: false }) },
    },
    spec: {
      type: "ClusterIP",
      ports: [{ name: ref.portName ?? "http", port: ref.port, protocol: "TCP", targetPort: ref.port }],
    },
  });
}

/**
 * The shadow Services a component in `namespace` needs for the refs it consumes: one per ref
 * owned by another cluster. A shadow must share the owner's namespace, and Flux puts every
 * object of a component into the component's namespace, so a ref from another namespace is
 * refused instead of silently landing where Cilium would not pair it.
 */
export function shadowServices(context: ClusterContext, namespace: string, refs: readonly GlobalServiceRef[]): Service[] {
  const seen = new Set<string>();
  return refs.flatMap((ref) => {
    if (!isRemote(context, ref)) return [];
    if (ref.namespace !== namespace) {
      throw new UserError(
        `shadowServices: ${ref.namespace}/${ref.name} on cluster ${showValue(ref.cluster)} needs its shadow Service in namespace ${showValue(ref.namespace)}, but the consuming component runs in ${showValue(namespace)}; run the consumer in ${showValue(ref.namespace)} or add the shadow from a component there`,
      );
    }
    if (seen.has(ref.name)) return [];
    seen.add(ref.name);
    return [remoteServiceShadow(ref)];
  });
}

/** Host name of the Service inside any cluster of the mesh: `<name>.<namespace>.svc.cluster.local`. */
export function serviceHost(ref: Pick<GlobalServiceRef, "name" | "namespace">): string {
  return `${ref.name}.${ref.namespace}.svc.${clusterDomain}`;
}

/** `http://<name>.<namespace>.svc.cluster.local:<port><ref.path><path>`. */
export function serviceUrl(ref: GlobalServiceRef, path = ""): string {
  assertValid(ref, "serviceUrl");
  if (path !== "" && !urlPath.test(path.split("?")[0] ?? "")) {
    throw new UserError(`serviceUrl(${ref.namespace}/${ref.name}): path must start with "/", got ${showValue(path)}`);
  }
  return `${ref.scheme ?? "http"}://${serviceHost(ref)}:${ref.port}${ref.path ?? ""}${path}`;
}
