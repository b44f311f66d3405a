import { componentMonitoring, type ComponentMonitoring } from "../victoria-metrics/monitoring.js";

// external-secrets' controller metrics (docs/api/metrics.md of external-secrets/external-secrets):
// `*_status_condition` gauges per object and condition, `externalsecret_sync_calls_error` counter.
// The object's own namespace arrives as `exported_namespace`: the scrape target's `namespace`
// (external-secrets, where the controller runs) wins.
const object = "{{ $labels.exported_namespace }}/{{ $labels.name }} on {{ $labels.cluster }}";

// The connect chart's ServiceMonitor selects the Service named `connect.applicationName`
// (connect 2.4.1 templates/servicemonitor.yaml), onepassword-connect: the job label.
const connectJob = "onepassword-connect.*";

/** external-secrets: stores that cannot reach 1Password, ExternalSecrets that stopped syncing. */
export function externalSecretsMonitoring(namespace = "external-secrets"): ComponentMonitoring {
  return componentMonitoring({
    component: "external-secrets",
    namespace,
    // The namespace also runs 1Password Connect, watched on its own (onepasswordConnectMonitoring).
    targets: `namespace="${namespace}", job!~"${connectJob}"`,
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

// 1Password Connect's /metrics (connect 2.4.1 values `connect.api.serviceMonitor.path`) serves the
// Prometheus Go client's default registry (`go_*`, `process_*`; the API reference's sample shows
// `go_gc_duration_seconds`); no Connect-specific series are documented, so the alerts are the
// target being down and its pods restarting (kube-state-metrics' `kube_pod_container_status_restarts_total`,
// scraped by vmagent). When Connect is down, the SecretStoreNotReady alert above fires as well.

/** 1Password Connect: down (its target), crash-looping (its pods' restarts). */
export function onepasswordConnectMonitoring(namespace = "external-secrets"): ComponentMonitoring {
  const targets = `namespace="${namespace}", job=~"${connectJob}"`;
  return componentMonitoring({
    component: "onepassword-connect",
    namespace,
    targets,
    title: "1Password Connect",
    groups: [
      {
        name: "onepassword-connect",
        rules: [
          {
            alert: "OnepasswordConnectRestarting",
            expr: `sum by (cluster, pod) (increase(kube_pod_container_status_restarts_total{namespace="${namespace}", pod=~"onepassword-connect-.*"}[30m])) > 2`,
            for: "15m",
            labels: { severity: "warning" },
            annotations: { summary: "1Password Connect pod {{ $labels.pod }} on {{ $labels.cluster }} restarted {{ $value }} times in 30 minutes" },
          },
        ],
      },
    ],
    panels: [
      { title: "Resident memory", expr: `sum by (cluster, pod) (process_resident_memory_bytes{${targets}, cluster=~"$cluster"})`, unit: "bytes", legend: "{{cluster}} {{pod}}" },
      { title: "CPU", expr: `sum by (cluster, pod) (rate(process_cpu_seconds_total{${targets}, cluster=~"$cluster"}[5m]))`, legend: "{{cluster}} {{pod}}" },
      { title: "Container restarts", expr: `sum by (cluster, pod) (kube_pod_container_status_restarts_total{namespace="${namespace}", pod=~"onepassword-connect-.*", cluster=~"$cluster"})`, legend: "{{cluster}} {{pod}}" },
    ],
  });
}
