/** UIDs of the provisioned data sources; dashboards reference them. */
export const datasourceUids = { metrics: "victoriametrics", logs: "victorialogs" } as const;

/**
 * A dashboard the Grafana chart downloads at start-up (its init container): from grafana.com by
 * id and pinned revision, or from a URL pinned to a tag or commit. Pinned, so a new upstream
 * revision is a reviewed change, not a surprise.
 */
export type DashboardSource =
  | { readonly gnetId: number; readonly revision: number }
  | { readonly url: string };

/** Grafana folders (dashboard providers) and the dashboards in each. */
export type DashboardSet = Readonly<Record<string, Readonly<Record<string, DashboardSource>>>>;

const cilium = "https://raw.githubusercontent.com/cilium/cilium/v1.20.0/install/kubernetes/cilium/files";

/**
 * The defaults: hosts and Kubernetes, then the platform components. VictoriaLogs and Fluent Bit
 * ship theirs as ConfigMaps, which the dashboard sidecar collects from every namespace.
 */
export const defaultDashboards: DashboardSet = {
  kubernetes: {
    "node-exporter-full": { gnetId: 1860, revision: 45 },
    "k8s-views-global": { gnetId: 15757, revision: 43 },
    "k8s-views-nodes": { gnetId: 15759, revision: 40 },
  },
  platform: {
    flux: { url: "https://raw.githubusercontent.com/fluxcd/flux2-monitoring-example/b99583d3614af7f69ec04214e813eb0364244cc3/monitoring/configs/dashboards/cluster.json" },
    "cilium-agent": { url: `${cilium}/cilium-agent/dashboards/cilium-dashboard.json` },
    "cilium-operator": { url: `${cilium}/cilium-operator/dashboards/cilium-operator-dashboard.json` },
    "ceph-cluster": { gnetId: 2842, revision: 18 },
    cloudnativepg: { url: "https://raw.githubusercontent.com/cloudnative-pg/grafana-dashboards/e203ffb94be5854f560e7189ca0f0e83035839e7/charts/cluster/grafana-dashboard.json" },
    "victoriametrics-single": { gnetId: 10229, revision: 38 },
    vmagent: { gnetId: 12683, revision: 21 },
  },
};

/**
 * Chart values for a dashboard set: one file provider per folder, and every dashboard's
 * `${DS_PROMETHEUS}` input bound to the metrics data source.
 */
export function dashboardValues(dashboards: DashboardSet, datasource: string) {
  const folders = Object.keys(dashboards);
  return {
    dashboardProviders: {
      "dashboardproviders.yaml": {
        apiVersion: 1,
        providers: folders.map((folder) => ({
          name: folder,
          orgId: 1,
          folder: folder.charAt(0).toUpperCase() + folder.slice(1),
          type: "file",
          disableDeletion: false,
          editable: true,
          options: { path: `/var/lib/grafana/dashboards/${folder}` },
        })),
      },
    },
    dashboards: Object.fromEntries(
      folders.map((folder) => [
        folder,
        Object.fromEntries(
          Object.entries(dashboards[folder] ?? {}).map(([name, source]) => [name, { ...source, datasource: [{ name: "DS_PROMETHEUS", value: datasource }] }]),
        ),
      ]),
    ),
  };
}
