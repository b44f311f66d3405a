import { ClusterIssuer } from "@kubernetes-models/cert-manager/cert-manager.io/v1/ClusterIssuer";
import { UserError, showValue } from "@k8s-gitops/core";

export const acmeServers = {
  staging: "https://acme-staging-v02.api.letsencrypt.org/directory",
  production: "https://acme-v02.api.letsencrypt.org/directory",
} as const;

export type AcmeEnvironment = keyof typeof acmeServers;

export interface DnsSolver {
  /** DNS provider of the public zone (only Cloudflare is wired up). */
  readonly provider: string;
  readonly zone: string;
  /** Secret (from an ExternalSecret) holding the provider API token. */
  readonly tokenSecret: { readonly name: string; readonly key: string };
}

export const supportedDnsProviders = ["cloudflare"] as const;

/** A Let's Encrypt ClusterIssuer solving DNS-01 challenges for the cluster's public zone. */
export function letsEncryptIssuer(environment: AcmeEnvironment, email: string, solver: DnsSolver): ClusterIssuer {
  if (!(supportedDnsProviders as readonly string[]).includes(solver.provider)) {
    throw new UserError(
      `cert-manager: DNS provider ${showValue(solver.provider)} is not supported for DNS-01 (supported: ${supportedDnsProviders.join(", ")})`,
    );
  }
  const name = `letsencrypt-${environment}`;
  return new ClusterIssuer({
    metadata: { name },
    spec: {
      acme: {
        server: acmeServers[environment],
        email,
        privateKeySecretRef: { name: `${name}-account-key` },
        solvers: [
          {
            dns01: { cloudflare: { apiTokenSecretRef: { name: solver.tokenSecret.name, key: solver.tokenSecret.key } } },
            selector: { dnsZones: [solver.zone] },
          },
        ],
      },
    },
  });
}
