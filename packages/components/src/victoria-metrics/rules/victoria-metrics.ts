import { vmRule, type VMRule } from "./rule.js";

/** The monitoring pipeline's hub: storage and rule evaluation (the agents are the vmagent family). */
export function victoriaMetricsRules(): VMRule {
  return vmRule("victoria-metrics", [
    {
      name: "vmsingle-and-vmalert",
      rules: [
        {
          alert: "VMStorageRunsOutOfSpace",
          expr:
            "sum by (cluster, job, instance) (vm_data_size_bytes) / (sum by (cluster, job, instance) (vm_free_disk_space_bytes) + sum by (cluster, job, instance) (vm_data_size_bytes)) > 0.8",
          for: "30m",
          labels: { severity: "critical" },
          annotations: { summary: "{{ $labels.job }} on {{ $labels.cluster }} has used {{ $value | humanizePercentage }} of its volume" },
        },
        {
          alert: "VMAlertRulesFailing",
          expr: "sum by (cluster, job, instance, group) (increase(vmalert_alerting_rules_errors_total[5m]) + increase(vmalert_recording_rules_errors_total[5m])) > 0",
          for: "15m",
          labels: { severity: "warning" },
          annotations: { summary: "vmalert cannot evaluate rules of group {{ $labels.group }}" },
        },
      ],
    },
  ]);
}

/** The metrics agents of every cluster: samples dropped, remote writes retried, scrapes failing. */
export function vmagentRules(): VMRule {
  return vmRule("vmagent", [
    {
      name: "vmagent",
      rules: [
        {
          alert: "VMAgentDroppingData",
          expr: "sum by (cluster, job, instance) (increase(vm_persistentqueue_bytes_dropped_total[5m])) > 0",
          for: "5m",
          labels: { severity: "critical" },
          annotations: { summary: "vmagent {{ $labels.instance }} on {{ $labels.cluster }} drops samples: its remote-write queue overflows" },
        },
        {
          alert: "VMAgentRemoteWriteFailing",
          expr: "sum by (cluster, job, instance) (rate(vmagent_remotewrite_retries_count_total[5m])) > 0",
          for: "15m",
          labels: { severity: "warning" },
          annotations: { summary: "vmagent {{ $labels.instance }} on {{ $labels.cluster }} keeps retrying remote writes (ClusterMesh or vmsingle unreachable?)" },
        },
        {
          alert: "VMAgentScrapesFailing",
          expr: "sum by (cluster, job, instance) (increase(vm_promscrape_scrapes_failed_total[5m])) > 0",
          for: "30m",
          labels: { severity: "warning" },
          annotations: { summary: "vmagent {{ $labels.instance }} on {{ $labels.cluster }} has failing scrape targets" },
        },
      ],
    },
  ]);
}
