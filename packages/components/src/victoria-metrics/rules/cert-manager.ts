import { vmRule, type VMRule } from "./rule.js";

// The certificate's namespace arrives as `exported_namespace`: the scrape target's own
// `namespace` label (cert-manager's) wins over the metric's.
const certificate = "{{ $labels.exported_namespace }}/{{ $labels.name }} on {{ $labels.cluster }}";

/** Certificates issued by cert-manager: readiness and expiry. */
export function certManagerRules(): VMRule {
  return vmRule("cert-manager", [
    {
      name: "cert-manager",
      rules: [
        {
          alert: "CertificateNotReady",
          expr: 'max by (cluster, exported_namespace, name) (certmanager_certificate_ready_status{condition="False"}) == 1',
          for: "15m",
          labels: { severity: "warning" },
          annotations: { summary: `Certificate ${certificate} is not ready` },
        },
        {
          // cert-manager renews at two thirds of the lifetime (30 days before expiry for Let's
          // Encrypt); a week left means renewal has been failing for three weeks.
          alert: "CertificateExpiresSoon",
          expr: "certmanager_certificate_expiration_timestamp_seconds - time() < 7 * 24 * 3600",
          for: "1h",
          labels: { severity: "critical" },
          annotations: { summary: `Certificate ${certificate} expires in {{ $value | humanizeDuration }}` },
        },
      ],
    },
  ]);
}
