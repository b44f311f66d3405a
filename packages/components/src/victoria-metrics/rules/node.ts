import { vmRule, type VMRule } from "./rule.js";

// Talos has no persistent root filesystem worth watching; tmpfs and overlay mounts fill and
// empty with pods, so only real filesystems count.
const realFs = 'fstype!~"tmpfs|overlay|squashfs|ramfs",mountpoint!~"/run.*|/var/lib/kubelet/pods.*"';

/** Node health from node-exporter: reachability, disk, memory, clock. */
export function nodeRules(): VMRule {
  return vmRule("node", [
    {
      name: "node",
      rules: [
        {
          alert: "NodeExporterDown",
          expr: 'up{job="node-exporter"} == 0',
          for: "5m",
          labels: { severity: "critical" },
          annotations: { summary: "node-exporter on {{ $labels.instance }} ({{ $labels.cluster }}) has been unreachable for 5 minutes" },
        },
        {
          alert: "NodeFilesystemAlmostFull",
          expr: `node_filesystem_avail_bytes{${realFs}} / node_filesystem_size_bytes{${realFs}} < 0.15 and node_filesystem_readonly{${realFs}} == 0`,
          for: "15m",
          labels: { severity: "warning" },
          annotations: { summary: "{{ $labels.mountpoint }} on {{ $labels.instance }} ({{ $labels.cluster }}) has {{ $value | humanizePercentage }} space left" },
        },
        {
          alert: "NodeFilesystemFull",
          expr: `node_filesystem_avail_bytes{${realFs}} / node_filesystem_size_bytes{${realFs}} < 0.05 and node_filesystem_readonly{${realFs}} == 0`,
          for: "5m",
          labels: { severity: "critical" },
          annotations: { summary: "{{ $labels.mountpoint }} on {{ $labels.instance }} ({{ $labels.cluster }}) has {{ $value | humanizePercentage }} space left" },
        },
        {
          alert: "NodeMemoryPressure",
          expr: "node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes < 0.10",
          for: "15m",
          labels: { severity: "warning" },
          annotations: { summary: "{{ $labels.instance }} ({{ $labels.cluster }}) has {{ $value | humanizePercentage }} memory available" },
        },
        {
          alert: "NodeClockSkew",
          expr: "abs(node_timex_offset_seconds) > 0.05 or node_timex_sync_status == 0",
          for: "10m",
          labels: { severity: "warning" },
          annotations: { summary: "The clock of {{ $labels.instance }} ({{ $labels.cluster }}) is not synchronised; etcd and TLS suffer" },
        },
      ],
    },
  ]);
}
