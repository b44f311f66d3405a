import { ConfigMap } from "kubernetes-models/v1";
import { defineCluster, type Cluster } from "../../cluster/index.js";
import { defineComponent, ref, type Component } from "../../component/index.js";
import { chartComponent, ociChart, repositoryChart } from "../../flux/index.js";
import type { Inventory } from "../../inventory/index.js";
import { fixtureInventories } from "../../testing/index.js";

const operatorChart = ociChart("oci://registry.example.net/charts/demo-operator", "2.3.4");

/**
 * A small estate covering every shape the docs handle: an OCI chart, a classic Helm repository
 * chart, a HelmRelease that lives in a shared base, multi-stage components with typed
 * dependencies, a component without any HelmRelease and one whose Flux Kustomizations live in
 * another namespace.
 */
function components(): Component[] {
  const certs = chartComponent({
    name: "certs",
    namespace: "cert-manager",
    area: "infrastructure",
    category: "security",
    chart: ociChart("oci://registry.example.net/charts/cert-manager", "v1.2.3"),
    values: {},
  });
  const metrics = chartComponent({
    name: "metrics",
    namespace: "kube-system",
    area: "infrastructure",
    category: "observability",
    chart: repositoryChart("metrics-repo", "https://charts.example.net/metrics", "metrics-server", "3.4.5"),
    values: {},
  });
  const operator = defineComponent<"app" | "config">({
    name: "operator",
    namespace: "demo-system",
    area: "infrastructure",
    category: "platform",
    dependsOn: [ref(certs)],
    shared: [{ type: "base", name: "demo-operator", releases: [{ name: "demo-operator", chart: operatorChart }], resources: [] }],
    stages: [
      { name: "app", resources: [], bases: ["demo-operator"] },
      { name: "config", resources: [new ConfigMap({ metadata: { name: "operator-settings" }, data: { mode: "on" } })] },
    ],
  });
  const web = defineComponent({
    name: "web",
    namespace: "web",
    area: "workloads",
    category: "apps",
    dependsOn: [ref(operator, "config"), ref(metrics)],
    stages: [{ name: "app", resources: [new ConfigMap({ metadata: { name: "web" }, data: { greeting: "hello" } })] }],
  });
  const tenant = defineComponent({
    name: "team-a",
    namespace: "team-a",
    area: "workloads",
    category: "tenants",
    kustomizationNamespace: "flux-system",
    dependsOn: [ref(web)],
    stages: [{ name: "app", resources: [new ConfigMap({ metadata: { name: "team-a" }, data: { owner: "team-a" } })] }],
  });
  return [certs, metrics, operator, web, tenant];
}

/**
 * Two clusters on the real fixture inventories (infra, apps): infra runs {@link components},
 * apps only the certs chart, so the pages differ.
 * @param inventories defaults to the fixture inventories; tests pass edited copies.
 */
export function fixtureClusters(inventories: readonly Inventory[] = fixtureInventories()): Cluster[] {
  const context = (name: string) => ({ inventory: inventories.find((inv) => inv.cluster.name === name)!, inventories });
  // No DNS component among the fixtures: the clusters keep Talos' CoreDNS (the composition rules require one or the other).
  const infra = defineCluster(context("infra"), () => ({ components: components(), keepTalosCoreDns: true }));
  const apps = defineCluster(context("apps"), () => ({ components: components().filter((c) => c.name === "certs"), keepTalosCoreDns: true }));
  return [infra, apps];
}
