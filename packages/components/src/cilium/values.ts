import { merge, nodeSubnetMtu, UserError, showValue, type ClusterContext, type DeepPartial } from "@k8s-gitops/core";
import { kubePrismPort } from "@k8s-gitops/core/conventions";
import { coveringCidr } from "./cidr.js";
import { meshPeers } from "./clustermesh.js";
import { fixedAddress } from "./load-balancer.js";
import type { ChartValues } from "../charts/index.js";

type AutoTls = { enabled: boolean; method: "helm" | "cronJob" | "certmanager"; certValidityDuration: number; schedule: string };

/** The values of the pinned cilium chart, generated from its archive (values.yaml, schema, templates). */
export type CiliumValues = ChartValues["cilium"];

/**
 * Documented chart values that the chart's generated values.schema.json lacks, because they are
 * commented out in its values.yaml (the templates read them with `hasKey`). A strict schema check
 * must allow exactly these JSON pointers.
 */
// `policyAuditMode` is read with `hasKey` in templates/cilium-configmap.yaml and has no entry in values.yaml.
export const valuesOutsideChartSchema = ["/loadBalancer/algorithm", "/loadBalancer/mode", "/policyAuditMode"] as const;

// Certificates are issued by Cilium's own certgen CronJob from the shared CA (clustermesh.ts):
// nothing secret is ever rendered into values, and the leaves renew themselves every 4 months.
const autoTls: AutoTls = { enabled: true, method: "cronJob", certValidityDuration: 365, schedule: "0 0 1 */4 *" };

/** Defaults that hold for every cluster; {@link clusterValues} adds what differs. */
export const defaultValues: DeepPartial<CiliumValues> = {
  // Talos KubePrism: a local, always-up API endpoint on every node, so the agent never depends on
  // the API VIP (or on kube-proxy, which Talos does not run).
  k8sServiceHost: "localhost",
  k8sServicePort: kubePrismPort,
  kubeProxyReplacement: true,
  kubeProxyReplacementHealthzBindAddr: "0.0.0.0:10256",
  // Talos' controller manager allocates each node's podCIDR from the inventory's pod network.
  ipam: { mode: "kubernetes" },
  // All nodes of both clusters share one L2 segment: pod traffic goes node to node without
  // encapsulation (no MTU overhead), each node installing a route to every other node's podCIDR.
  routingMode: "native",
  autoDirectNodeRoutes: true,
  bpf: { masquerade: true },
  // Maglev: consistent hashing, so when the router's ECMP moves a flow to another node, that node
  // picks the same backend. DSR: the backend answers the client directly, keeping the client's
  // address without `externalTrafficPolicy: Local` and saving the return hop.
  loadBalancer: { algorithm: "maglev", mode: "dsr" },
  // Talos mounts cgroup2 itself and forbids SYS_MODULE: the chart's defaults would fail there.
  cgroup: { autoMount: { enabled: false }, hostRoot: "/sys/fs/cgroup" },
  securityContext: {
    capabilities: {
      ciliumAgent: ["CHOWN", "KILL", "NET_ADMIN", "NET_RAW", "IPC_LOCK", "SYS_ADMIN", "SYS_RESOURCE", "DAC_OVERRIDE", "FOWNER", "SETGID", "SETUID"],
      cleanCiliumState: ["NET_ADMIN", "SYS_ADMIN", "SYS_RESOURCE"],
    },
  },
  rollOutCiliumPods: true,
  // Two operators (leader election) and a budget, so a node drain never takes both.
  operator: {
    replicas: 2,
    rollOutPods: true,
    prometheus: { enabled: true, serviceMonitor: { enabled: true } },
    podDisruptionBudget: { enabled: true, maxUnavailable: 1 },
  },
  // The bootstrap installs Cilium before any monitoring stack: the ServiceMonitor CRD comes from
  // the bootstrap's CRD phase, so the chart must not look it up.
  prometheus: { enabled: true, serviceMonitor: { enabled: true, trustCRDsExist: true } },
  bgpControlPlane: { enabled: true },
  // The chart creates the `cilium` GatewayClass. "true" (a string: the template compares
  // strings) instead of "auto": auto looks the CRD up at render time and silently skips the class
  // when the CRDs are not there yet.
  gatewayAPI: { enabled: true, enableAlpn: true, gatewayClass: { create: "true" } },
  envoy: { rollOutPods: true, prometheus: { serviceMonitor: { enabled: true } } },
  hubble: {
    enabled: true,
    metrics: {
      enabled: ["dns", "drop", "tcp", "flow", "port-distribution", "icmp", "httpV2:exemplars=true;labelsContext=source_ip,source_namespace,source_workload,destination_ip,destination_namespace,destination_workload,traffic_direction"],
      enableOpenMetrics: true,
      serviceMonitor: { enabled: true },
    },
    relay: { enabled: true, rollOutPods: true, prometheus: { enabled: true, serviceMonitor: { enabled: true } } },
    ui: { enabled: true, rollOutPods: true },
    tls: { auto: autoTls },
  },
  // Never mint a cluster-local CA: certificates from a CA of their own would not be trusted by
  // the other cluster. Until Secret `cilium-ca` exists, certgen fails and retries.
  certgen: { generateCA: false },
  clustermesh: {
    useAPIServer: true,
    config: { enabled: true },
    apiserver: {
      service: { type: "LoadBalancer" },
      // Per-cluster client identities (remote-<cluster>): a cluster may read only what it is
      // granted, instead of one identity shared by all.
      tls: { authMode: "cluster", auto: autoTls },
      metrics: { serviceMonitor: { enabled: true } },
    },
  },
};

/** Values that identify the cluster: its ClusterMesh identity, peers and addresses. */
export function clusterValues(context: ClusterContext): DeepPartial<CiliumValues> {
  const { inventory, inventories } = context;
  const mesh = fixedAddress(inventory, "clustermeshApiServer");
  return {
    cluster: { name: inventory.cluster.name, id: inventory.cluster.id },
    // ClusterMesh in native routing: the native routing CIDR must cover the pod networks of every
    // meshed cluster, or traffic to remote pods is masqueraded and loses its identity.
    ipv4NativeRoutingCIDR: coveringCidr(inventories.map((inv) => inv.network.podCIDR)),
    // Native routing sends pod traffic unencapsulated over the node LAN (the bond): the pods get the
    // LAN's MTU (jumbo 9000 where the switches carry it) instead of Cilium guessing it from the
    // default-route device at startup. The inventory rule consistentMtuPerSubnet makes it one value.
    MTU: nodeSubnetMtu(inventory.nodes),
    clustermesh: {
      config: { clusters: meshPeers(context) },
      apiserver: { service: { annotations: mesh.annotations, labels: mesh.labels } },
    },
  };
}

// The mesh identity must match what the other clusters read from the inventory.
const inventoryOwned: readonly (readonly string[])[] = [["cluster", "name"], ["cluster", "id"], ["clustermesh", "config", "clusters"]];

function assertNotOverridden(cluster: string, overrides: DeepPartial<CiliumValues> | undefined): void {
  const problems = inventoryOwned.flatMap((path) => {
    const value = path.reduce<unknown>((node, key) => (node && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined), overrides);
    return value === undefined ? [] : [`values.${path.join(".")} = ${showValue(value)}: set it in the inventory of cluster ${showValue(cluster)} instead`];
  });
  if (problems.length > 0) {
    throw new UserError(`cilium props of cluster ${showValue(cluster)}: the ClusterMesh identity comes from the inventories, not from values`, problems);
  }
}

/** The complete values: defaults, then the cluster's identity, then the caller's overrides. */
export function ciliumValues(context: ClusterContext, overrides?: DeepPartial<CiliumValues>): CiliumValues {
  assertNotOverridden(context.inventory.cluster.name, overrides);
  return merge(defaultValues, clusterValues(context), overrides) as CiliumValues;
}
