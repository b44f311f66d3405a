import { ConfigMap } from "kubernetes-models/v1";
import { defineComponent, type Component, type Ref } from "../../component/index.js";
import { ociChart, repositoryChart, type ChartSource } from "../../flux/index.js";

/** A small component with one HelmRelease (first stage) and optionally a `config` stage. */
export function fakeApp(
  name: string,
  namespace: string,
  options: { chart?: ChartSource; values?: Record<string, unknown>; config?: boolean; dependsOn?: Ref[]; spec?: Record<string, unknown> } = {},
): Component<"app" | "config"> {
  const chart = options.chart ?? ociChart(`oci://registry.example.net/charts/${name}`, "1.0.0");
  return defineComponent<"app" | "config">({
    name,
    namespace,
    area: "infrastructure",
    category: "core",
    dependsOn: options.dependsOn ?? [],
    stages: [
      {
        name: "app",
        releases: [{ name, chart, values: options.values ?? { replicas: 2, nested: { enabled: true } }, ...(options.spec ? { options: options.spec as never } : {}) }],
        resources: [],
      },
      ...(options.config ? [{ name: "config" as const, resources: [new ConfigMap({ metadata: { name: `${name}-settings` }, data: { mode: "on" } })] }] : []),
    ],
  });
}

/** The usual phase 1 chain with fakes: cilium (with config), coredns, spegel, certs. */
export function fakeCore(cluster: string) {
  return {
    cilium: fakeApp("cilium", "kube-system", { config: true, values: { cluster: { name: cluster }, ipam: { mode: "kubernetes" } } }),
    coredns: fakeApp("coredns", "kube-system"),
    spegel: fakeApp("spegel", "kube-system"),
    certs: fakeApp("certs", "cert-manager", { chart: repositoryChart("jetstack", "https://charts.jetstack.io", "certs", "v1.2.3") }),
  };
}
