import { componentMonitoring, controllerRuntimeGroup, controllerRuntimePanels, type ComponentMonitoring } from "./monitoring.js";

/** The VictoriaMetrics operator: a controller-runtime manager (its reconcile errors and queues). */
export function victoriaMetricsOperatorMonitoring(namespace = "observability"): ComponentMonitoring {
  const selector = `namespace="${namespace}", job=~".*victoria-metrics-operator.*"`;
  return componentMonitoring({
    component: "victoria-metrics-operator",
    namespace,
    targets: selector,
    title: "VictoriaMetrics operator",
    groups: [controllerRuntimeGroup("victoria-metrics-operator", selector)],
    panels: controllerRuntimePanels(selector),
  });
}

// vmagent's own metrics (VictoriaMetrics/VictoriaMetrics app/vmagent/remotewrite, lib/persistentqueue,
// lib/promscrape): `vm_persistentqueue_bytes_pending`, `vm_persistentqueue_bytes_dropped_total`,
// `vmagent_remotewrite_retries_count_total`, `vm_promscrape_scrapes_failed_total`. Its alerts are
// the stack's vmagent rule family (victoria-metrics/rules/victoria-metrics.ts), carried here.

/** vmagent: samples dropped, remote write retrying, scrapes failing (the vmagent family). */
export function vmagentMonitoring(namespace = "observability"): ComponentMonitoring {
  // The operator names the agent's Service vmagent-<name>.
  const targets = `namespace="${namespace}", job=~"vmagent.*"`;
  return componentMonitoring({
    component: "vmagent",
    namespace,
    targets,
    families: ["vmagent"],
    groups: [],
    panels: [
      { title: "Remote-write queue pending", expr: `sum by (cluster, pod) (vm_persistentqueue_bytes_pending{${targets}, cluster=~"$cluster"})`, unit: "bytes", legend: "{{cluster}} {{pod}}" },
      { title: "Remote-write retries per second", expr: `sum by (cluster, pod) (rate(vmagent_remotewrite_retries_count_total{${targets}, cluster=~"$cluster"}[5m]))`, unit: "reqps", legend: "{{cluster}} {{pod}}" },
      { title: "Failed scrapes per second", expr: `sum by (cluster) (rate(vm_promscrape_scrapes_failed_total{${targets}, cluster=~"$cluster"}[5m]))`, unit: "reqps" },
    ],
  });
}
