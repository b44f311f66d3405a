import type { Workload } from "../network-flows/model.js";

/**
 * Rook's daemons are labelled `app: rook-ceph-<daemon>` (rook `pkg/operator/ceph/controller/spec.go`,
 * AppLabels); RGW pods add `rgw: <store>` (`pkg/operator/ceph/object/spec.go`). RGW listens on
 * 8080 inside the pod whatever the Service port (rook `pkg/operator/ceph/object/config.go`,
 * `rgwPortInternalPort`); the dashboard on 7000 without SSL.
 */
export function rgwPods(cluster: string, namespace: string, store: string): Workload {
  return { cluster, namespace, name: `rgw-${store}`, labels: { app: "rook-ceph-rgw", rgw: store } };
}

export function mgrPods(cluster: string, namespace: string): Workload {
  return { cluster, namespace, name: "ceph-mgr", labels: { app: "rook-ceph-mgr" } };
}

export const rgwPodPort = 8080;
export const dashboardPort = 7000;
