import { componentMonitoring, controllerRuntimeGroup, controllerRuntimePanels, type ComponentMonitoring } from "../victoria-metrics/monitoring.js";

// The flux-operator's metrics (controlplaneio-fluxcd/flux-operator docs: `flux_resource_info`
// per Flux object, `flux_instance_info`), plus controller-runtime's. The Flux alerts are the
// stack's flux rule family (victoria-metrics/rules/flux.ts), carried here.

/** The flux-operator: Flux objects and the FluxInstance not ready (the flux family), its own reconciles. */
export function fluxOperatorMonitoring(namespace = "flux-system"): ComponentMonitoring {
  // flux-system also holds the Flux controllers' targets; the operator's Service is flux-operator.
  const selector = `namespace="${namespace}", job=~"flux-operator.*"`;
  return componentMonitoring({
    component: "flux-operator",
    namespace,
    targets: selector,
    title: "Flux",
    families: ["flux"],
    groups: [controllerRuntimeGroup("flux-operator", selector)],
    panels: [
      { title: "Flux objects not ready", expr: 'sum by (cluster, kind) (flux_resource_info{ready!="True", suspended="False", cluster=~"$cluster"})', legend: "{{cluster}} {{kind}}" },
      { title: "Suspended Flux objects", expr: 'sum by (cluster, kind) (flux_resource_info{suspended="True", cluster=~"$cluster"})', legend: "{{cluster}} {{kind}}" },
      ...controllerRuntimePanels(selector),
    ],
  });
}
