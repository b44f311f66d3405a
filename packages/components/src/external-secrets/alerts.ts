import { componentMonitoring, type ComponentMonitoring } from "../victoria-metrics/monitoring.js";

// external-secrets' controller metrics (docs/api/metrics.md of external-secrets/external-secrets):
// `*_status_condition` gauges per object and condition, `externalsecret_sync_calls_error` counter.
// The object's own namespace arrives as `exported_namespace`: the scrape target's `namespace`
// (external-secrets, where the controller runs) wins.
const object = "{{ $labels.exported_namespace }}/{{ $labels.name }} on {{ $labels.cluster }}";

/** external-secrets: stores that cannot reach 1Password, ExternalSecrets that stopped syncing. */
export function externalSecretsMonitoring(namespace = "external-secrets"): ComponentMonitoring {
  return componentMonitoring({
    component: "external-secrets",
    namespace,
    groups: [
      {
        name: "external-secrets",
        rules: [
          {
            alert: "SecretStoreNotReady",
            expr: 'max by (cluster, exported_namespace, name) (secretstore_status_condition{condition="Ready",status="False"}) == 1 or max by (cluster, name) (clustersecretstore_status_condition{condition="Ready",status="False"}) == 1',
            for: "10m",
            labels: { severity: "critical" },
            annotations: { summary: `Secret store ${object} is not ready: no secret it serves is refreshed` },
          },
          {
            alert: "ExternalSecretNotSynced",
            expr: 'max by (cluster, exported_namespace, name) (externalsecret_status_condition{condition="Ready",status="False"}) == 1',
            for: "15m",
            labels: { severity: "warning" },
            annotations: { summary: `ExternalSecret ${object} has not synced for 15 minutes` },
          },
          {
            alert: "ExternalSecretSyncErrors",
            expr: "sum by (cluster, exported_namespace, name) (increase(externalsecret_sync_calls_error[30m])) > 3",
            for: "30m",
            labels: { severity: "info" },
            annotations: { summary: `ExternalSecret ${object} keeps failing to sync ({{ $value }} errors in 30 minutes)` },
          },
        ],
      },
    ],
    panels: [
      { title: "ExternalSecrets not ready", expr: 'sum by (cluster) (externalsecret_status_condition{condition="Ready",status="False",cluster=~"$cluster"})' },
      { title: "Sync calls per second", expr: 'sum by (cluster) (rate(externalsecret_sync_calls_total{cluster=~"$cluster"}[5m]))', unit: "reqps" },
      { title: "Sync errors per second", expr: 'sum by (cluster) (rate(externalsecret_sync_calls_error{cluster=~"$cluster"}[5m]))', unit: "reqps" },
      { title: "Stores not ready", expr: 'sum by (cluster) (secretstore_status_condition{condition="Ready",status="False",cluster=~"$cluster"}) + sum by (cluster) (clustersecretstore_status_condition{condition="Ready",status="False",cluster=~"$cluster"})' },
    ],
  });
}
