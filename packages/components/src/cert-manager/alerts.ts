import { componentMonitoring, type ComponentMonitoring } from "../victoria-metrics/monitoring.js";

// cert-manager's controller metrics (cert-manager/cert-manager internal/controller/certificates
// metrics, pkg/metrics): `certmanager_certificate_ready_status{condition}` and
// `certmanager_certificate_expiration_timestamp_seconds` per Certificate. The alerts are the
// stack's cert-manager rule family (victoria-metrics/rules/cert-manager.ts), carried here.
const selector = 'cluster=~"$cluster"';

/** cert-manager: certificates not ready or about to expire (the cert-manager rule family) and its dashboard. */
export function certManagerMonitoring(namespace = "cert-manager"): ComponentMonitoring {
  return componentMonitoring({
    component: "cert-manager",
    namespace,
    families: ["cert-manager"],
    groups: [],
    panels: [
      { title: "Certificates not ready", expr: `sum by (cluster) (certmanager_certificate_ready_status{condition="False", ${selector}})` },
      {
        title: "Time left before expiry (soonest per namespace)",
        expr: `min by (cluster, exported_namespace) (certmanager_certificate_expiration_timestamp_seconds{${selector}} - time())`,
        unit: "s",
        legend: "{{cluster}} {{exported_namespace}}",
      },
    ],
  });
}
