import { vmRule, type VMRule } from "./rule.js";

/**
 * Flux reconciliation, from the flux-operator's own metrics (`flux_resource_info` per Flux
 * object, `flux_instance_info` for the FluxInstance); no kube-state-metrics custom state needed.
 */
export function fluxRules(): VMRule {
  return vmRule("flux", [
    {
      name: "flux",
      rules: [
        {
          alert: "FluxResourceNotReady",
          expr: 'flux_resource_info{ready!="True",suspended="False"} == 1',
          for: "30m",
          labels: { severity: "warning" },
          annotations: { summary: "{{ $labels.kind }} {{ $labels.exported_namespace }}/{{ $labels.name }} on {{ $labels.cluster }} has not been ready for 30 minutes ({{ $labels.reason }})" },
        },
        {
          alert: "FluxInstanceNotReady",
          expr: 'flux_instance_info{ready!="True"} == 1',
          for: "15m",
          labels: { severity: "critical" },
          annotations: { summary: "FluxInstance {{ $labels.name }} on {{ $labels.cluster }} is not ready: nothing is being reconciled" },
        },
      ],
    },
  ]);
}
