import { vmRule, type VMRule } from "./rule.js";

/** Workload and node state from kube-state-metrics and the kubelet. */
export function kubernetesRules(): VMRule {
  return vmRule("kubernetes", [
    {
      name: "kubernetes-workloads",
      rules: [
        {
          alert: "KubePodCrashLooping",
          expr: 'max_over_time(kube_pod_container_status_waiting_reason{reason="CrashLoopBackOff"}[5m]) >= 1',
          for: "15m",
          labels: { severity: "warning" },
          annotations: { summary: "{{ $labels.namespace }}/{{ $labels.pod }} ({{ $labels.container }}) on {{ $labels.cluster }} is crash looping" },
        },
        {
          alert: "KubePodNotReady",
          // Pods of Jobs come and go; only long-running owners count.
          expr:
            'sum by (cluster, namespace, pod) (max by (cluster, namespace, pod) (kube_pod_status_phase{phase=~"Pending|Unknown|Failed"}) * on (cluster, namespace, pod) group_left () max by (cluster, namespace, pod) (kube_pod_owner{owner_kind!="Job"})) > 0',
          for: "15m",
          labels: { severity: "warning" },
          annotations: { summary: "{{ $labels.namespace }}/{{ $labels.pod }} on {{ $labels.cluster }} has not been ready for 15 minutes" },
        },
        {
          alert: "KubeDeploymentReplicasMismatch",
          expr: "kube_deployment_spec_replicas > kube_deployment_status_replicas_available",
          for: "15m",
          labels: { severity: "warning" },
          annotations: { summary: "Deployment {{ $labels.namespace }}/{{ $labels.deployment }} on {{ $labels.cluster }} lacks available replicas" },
        },
        {
          alert: "KubeStatefulSetReplicasMismatch",
          expr: "kube_statefulset_status_replicas_ready != kube_statefulset_status_replicas",
          for: "15m",
          labels: { severity: "warning" },
          annotations: { summary: "StatefulSet {{ $labels.namespace }}/{{ $labels.statefulset }} on {{ $labels.cluster }} lacks ready replicas" },
        },
        {
          alert: "KubeDaemonSetNotScheduled",
          expr: "kube_daemonset_status_desired_number_scheduled - kube_daemonset_status_number_ready > 0",
          for: "15m",
          labels: { severity: "warning" },
          annotations: { summary: "DaemonSet {{ $labels.namespace }}/{{ $labels.daemonset }} on {{ $labels.cluster }} is not ready on every node" },
        },
        {
          alert: "KubeJobFailed",
          expr: "kube_job_failed > 0",
          for: "15m",
          labels: { severity: "warning" },
          annotations: { summary: "Job {{ $labels.namespace }}/{{ $labels.job_name }} on {{ $labels.cluster }} failed" },
        },
      ],
    },
    {
      name: "kubernetes-nodes-and-volumes",
      rules: [
        {
          alert: "KubeNodeNotReady",
          expr: 'kube_node_status_condition{condition="Ready",status="true"} == 0',
          for: "10m",
          labels: { severity: "critical" },
          annotations: { summary: "Node {{ $labels.node }} of {{ $labels.cluster }} has been NotReady for 10 minutes" },
        },
        {
          alert: "KubePersistentVolumeFillingUp",
          expr: "kubelet_volume_stats_available_bytes / kubelet_volume_stats_capacity_bytes < 0.10 and kubelet_volume_stats_used_bytes > 0",
          for: "5m",
          labels: { severity: "warning" },
          annotations: { summary: "PVC {{ $labels.namespace }}/{{ $labels.persistentvolumeclaim }} on {{ $labels.cluster }} has {{ $value | humanizePercentage }} free" },
        },
      ],
    },
  ]);
}
