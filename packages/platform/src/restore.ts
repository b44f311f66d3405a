import { cnpgFlows, cnpgOperator, postgresInstances, type RestoreKit } from "@k8s-gitops/components/cloudnative-pg";
import { flow, flowPolicies, type Flow } from "@k8s-gitops/components/network-flows";
import { rgwPodPort, rgwPods, rookNamespace } from "@k8s-gitops/components/rook-ceph";
import { clusterScope, emitYaml, UserError, type Cluster, type GeneratedFile } from "@k8s-gitops/core";

/** Where the restore kits land: outside `kubernetes/`, so Flux never applies them. */
export const restoreDir = (cluster: string, postgres: string): string => `restore/${cluster}/${postgres}`;

const clusterScoped = new Set(["PersistentVolume"]);

/**
 * The allow policies the restored cluster needs under the namespaces' default deny: the operator
 * polls its instances, and (from the cluster store) its instances read the object store. Same
 * names as the estate's policies would clash (kubectl apply would overwrite a Flux-managed
 * policy), so each is prefixed `restore-`; Cilium adds up every policy selecting a pod.
 */
function restorePolicies(cluster: Cluster, kit: RestoreKit, fromClusterStore: boolean): unknown[] {
  const c = cluster.name;
  const operator = cluster.components.find((comp) => comp.name === "cloudnative-pg");
  if (!operator) throw new UserError(`restore kit of ${kit.cluster}: cluster ${c} has no cloudnative-pg component`);
  const restored = postgresInstances(c, kit.namespace, kit.restoredCluster);
  const flows: Flow[] = [
    ...cnpgFlows(cnpgOperator(c, operator.namespace), restored),
    ...(fromClusterStore ? [flow(kit.cluster, restored, rgwPods(c, rookNamespace, "ceph-objectstore"), [rgwPodPort], "the restore reads base backups and WAL", "rook-ceph-rgw-ceph-objectstore")] : []),
  ];
  return [...flowPolicies(c, flows).values()].flat().map((policy) => ({ ...(policy.toJSON() as object), metadata: { ...policy.metadata, name: `restore-${policy.metadata?.name ?? ""}` } }));
}

const withNamespace = (namespace: string) => (resource: unknown) => {
  const doc = resource as { kind: string; metadata: Record<string, unknown>; toJSON?: () => unknown };
  const plain = (typeof doc.toJSON === "function" ? doc.toJSON() : doc) as { kind: string; metadata: Record<string, unknown> };
  return clusterScoped.has(plain.kind) || plain.metadata["namespace"] !== undefined ? plain : { ...plain, metadata: { ...plain.metadata, namespace } };
};

/**
 * The restore kits of every Postgres cluster of a cluster (components carrying `restoreKit`):
 * `cluster-store.yaml` (restore from the object store in the cluster) and, with an off-cluster
 * target, `offsite.yaml` (restore from the copy on the NFS server). `task postgres:restore`
 * applies one of them.
 */
export function restoreFiles(cluster: Cluster): GeneratedFile[] {
  return cluster.components.flatMap((component) => {
    if (!("restoreKit" in component)) return [];
    const kit = (component as { restoreKit: RestoreKit }).restoreKit;
    const dir = restoreDir(cluster.name, kit.cluster);
    const source = `the restore kit of ${kit.namespace}/${kit.cluster} (cluster ${cluster.name})`;
    const file = (name: string, resources: readonly unknown[], fromClusterStore: boolean): GeneratedFile => ({
      path: `${dir}/${name}`,
      content: emitYaml([...restorePolicies(cluster, kit, fromClusterStore), ...resources].map(withNamespace(kit.namespace)), { source }),
      scope: clusterScope(cluster.name),
    });
    return [file("cluster-store.yaml", kit.clusterStore, true), ...(kit.offsite ? [file("offsite.yaml", kit.offsite, false)] : [])];
  });
}
