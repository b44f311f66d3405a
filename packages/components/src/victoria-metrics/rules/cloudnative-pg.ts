import { vmRule, type VMRule } from "./rule.js";

/** CloudNativePG instances, from the metrics exporter built into every instance pod. */
export function cloudnativePgRules(): VMRule {
  return vmRule("cloudnative-pg", [
    {
      name: "cloudnative-pg",
      rules: [
        {
          alert: "CNPGInstanceDown",
          expr: "cnpg_collector_up == 0",
          for: "5m",
          labels: { severity: "critical" },
          annotations: { summary: "PostgreSQL in {{ $labels.namespace }}/{{ $labels.pod }} on {{ $labels.cluster }} does not answer the exporter" },
        },
        {
          alert: "CNPGReplicationLagHigh",
          expr: "cnpg_pg_replication_lag > 300",
          for: "10m",
          labels: { severity: "warning" },
          annotations: { summary: "Replica {{ $labels.namespace }}/{{ $labels.pod }} on {{ $labels.cluster }} is {{ $value }}s behind the primary" },
        },
        {
          // CloudNativePG switches WAL segments at least every 5 minutes (archive_timeout), so an
          // hour without a successful archive means backups are broken.
          alert: "CNPGWalArchivingStalled",
          expr: "cnpg_pg_stat_archiver_seconds_since_last_archival > 3600",
          for: "10m",
          labels: { severity: "critical" },
          annotations: { summary: "{{ $labels.namespace }}/{{ $labels.pod }} on {{ $labels.cluster }} has archived no WAL for {{ $value | humanizeDuration }}" },
        },
        {
          alert: "CNPGConnectionsNearLimit",
          expr:
            'sum by (cluster, namespace, pod) (cnpg_backends_total) / max by (cluster, namespace, pod) (cnpg_pg_settings_setting{name="max_connections"}) > 0.8',
          for: "10m",
          labels: { severity: "warning" },
          annotations: { summary: "{{ $labels.namespace }}/{{ $labels.pod }} on {{ $labels.cluster }} uses {{ $value | humanizePercentage }} of max_connections" },
        },
      ],
    },
  ]);
}
