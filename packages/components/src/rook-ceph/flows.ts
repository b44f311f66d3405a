import { flow, type Flow, type FlowContext, type Workload } from "../network-flows/model.js";

/**
 * Rook's daemons are labelled `app: rook-ceph-<daemon>` (rook `pkg/operator/ceph/controller/spec.go`,
 * AppLabels); RGW pods add `rgw: <store>` (`pkg/operator/ceph/object/spec.go`). RGW listens on
 * 8080 inside the pod whatever the Service port (rook `pkg/operator/ceph/object/config.go`,
 * `rgwPortInternalPort`); the dashboard on 7000 without SSL. The estate's CephClusters use
 * `network.provider: host`, so mon, mgr, OSD and MDS run on the host network (outside
 * CiliumNetworkPolicy, reached as the nodes); RGW sets `hostNetwork: false` and is a pod.
 */
export function rgwPods(cluster: string, namespace: string, store: string): Workload {
  return { cluster, namespace, name: `rgw-${store}`, labels: { app: "rook-ceph-rgw", rgw: store } };
}

export function mgrPods(cluster: string, namespace: string): Workload {
  return { cluster, namespace, name: "ceph-mgr", labels: { app: "rook-ceph-mgr" }, hostNetwork: true };
}

/** The Ceph daemons on the host network, by the ports Ceph assigns them (Ceph docs, "Network Configuration Reference"). */
export function cephDaemons(cluster: string, namespace: string): Workload {
  return { cluster, namespace, name: "ceph-daemons", labels: { app: "rook-ceph-mon" }, hostNetwork: true };
}

/** The rook-ceph-operator Deployment (labels from `helm template` of chart v1.20.6). */
export function rookOperatorPods(cluster: string, namespace: string): Workload {
  return { cluster, namespace, name: "rook-ceph-operator", labels: { app: "rook-ceph-operator" } };
}

export const rgwPodPort = 8080;
export const dashboardPort = 7000;
/**
 * Monitors: msgr2 3300 and msgr1 6789; OSD, MGR and MDS bind in 6800-7300 (`ms_bind_port_min/max`),
 * less the dashboard's 7000, which only the Gateway may reach (a daemon binds the next free port;
 * 7000 is taken first only with about 100 daemons on one node).
 */
export const cephPorts = [{ port: 3300 }, { port: 6789 }, { port: 6800, endPort: 6999 }, { port: 7001, endPort: 7300 }] as const;

/**
 * Every pod of the namespace is a Ceph client of the host-network daemons: the operator (ceph
 * CLI), RGW, the CSI controller plugins and the crash collectors, which the operators create
 * with labels the offline render cannot show; hence one namespace-wide flow, on Ceph's ports only.
 * The operator manages buckets and users through RGW's admin API.
 */
export function rookCephFlows(c: FlowContext, stores: readonly string[]): Flow[] {
  const everyPod: Workload = { cluster: c.cluster, namespace: c.namespace, name: "all-pods", labels: {} };
  return [
    flow("rook-ceph-cluster", everyPod, cephDaemons(c.cluster, c.namespace), [...cephPorts], "Ceph clients in the namespace reach the monitors, OSDs, managers and MDS on the nodes"),
    ...stores.map((store) => flow("rook-ceph", rookOperatorPods(c.cluster, c.namespace), rgwPods(c.cluster, c.namespace, store), [rgwPodPort], "the operator manages buckets and users through RGW's admin API")),
  ];
}
