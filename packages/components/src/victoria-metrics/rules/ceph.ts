import { vmRule, type VMRule } from "./rule.js";

/** Rook-Ceph cluster health from the Ceph manager's prometheus module. */
export function cephRules(): VMRule {
  return vmRule("ceph", [
    {
      name: "ceph",
      rules: [
        {
          alert: "CephHealthError",
          expr: "ceph_health_status == 2",
          for: "5m",
          labels: { severity: "critical" },
          annotations: { summary: "Ceph on {{ $labels.cluster }} reports HEALTH_ERR" },
        },
        {
          alert: "CephHealthWarning",
          expr: "ceph_health_status == 1",
          for: "30m",
          labels: { severity: "warning" },
          annotations: { summary: "Ceph on {{ $labels.cluster }} has reported HEALTH_WARN for 30 minutes" },
        },
        {
          alert: "CephOSDDown",
          expr: "ceph_osd_up == 0",
          for: "5m",
          labels: { severity: "critical" },
          annotations: { summary: "{{ $labels.ceph_daemon }} on {{ $labels.cluster }} is down" },
        },
        {
          // Ceph stops writes at 95 % (full ratio) and warns at 85 % (nearfull); act before.
          alert: "CephClusterNearlyFull",
          expr: "ceph_cluster_total_used_raw_bytes / ceph_cluster_total_bytes > 0.75",
          for: "15m",
          labels: { severity: "warning" },
          annotations: { summary: "Ceph on {{ $labels.cluster }} is {{ $value | humanizePercentage }} full" },
        },
        {
          alert: "CephPlacementGroupsUnavailable",
          expr: "ceph_pg_total - ceph_pg_active > 0",
          for: "10m",
          labels: { severity: "critical" },
          annotations: { summary: "{{ $value }} placement groups on {{ $labels.cluster }} are not active: I/O to them blocks" },
        },
      ],
    },
  ]);
}
