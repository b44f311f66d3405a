import {
  defineComponent,
  merge,
  ociChart,
  type ClusterContext,
  type Component,
  type DeepPartial,
  type Ref,
} from "@k8s-gitops/core";
import { externalSecret } from "../external-secrets/index.js";
import { letsEncryptIssuer } from "./issuers.js";
import { defaultValues, type CertManagerValues } from "./values.js";

export { acmeServers, letsEncryptIssuer, supportedDnsProviders } from "./issuers.js";
export type { CertManagerValues } from "./values.js";

/** One pin, one place: the Flux source and the bootstrap helmfile both read it. */
export const chart = ociChart("oci://quay.io/jetstack/charts/cert-manager", "v1.21.1");

export type CertManagerStage = "app" | "issuers";

export interface CertManagerProps {
  /** @default "cert-manager" */
  readonly namespace?: string;
  /** Deep-merged over the defaults: objects merge, arrays replace, null deletes. */
  readonly values?: DeepPartial<CertManagerValues>;
  /**
   * The component that provides the ClusterSecretStore the DNS token comes from. The issuers
   * stage waits for it. @default no dependency (the store is assumed to exist)
   */
  readonly secretStore?: Ref;
  /** 1Password item holding the DNS provider token (field `api-token`). @default "<provider>-dns" */
  readonly dnsTokenItem?: string;
}

const tokenSecret = { name: "dns-provider-token", key: "api-token" } as const;

/**
 * cert-manager with Let's Encrypt staging and production ClusterIssuers (DNS-01 on the
 * inventory's public zone; the provider token comes from an ExternalSecret).
 */
export function certManager(context: ClusterContext, props: CertManagerProps = {}): Component<CertManagerStage> {
  const namespace = props.namespace ?? "cert-manager";
  const { letsencrypt, dnsProvider } = context.inventory.external;
  const values = merge(defaultValues, props.values);
  const solver = { provider: dnsProvider.name, zone: dnsProvider.zone, tokenSecret };
  return defineComponent({
    name: "cert-manager",
    namespace,
    area: "infrastructure",
    category: "security",
    stages: [
      { name: "app", releases: [{ name: "cert-manager", chart, values }], resources: [] },
      {
        name: "issuers",
        dependsOn: props.secretStore ? [props.secretStore] : [],
        resources: [
          externalSecret({ name: tokenSecret.name, item: props.dnsTokenItem ?? `${dnsProvider.name}-dns`, keys: [tokenSecret.key] }),
          letsEncryptIssuer("staging", letsencrypt.email, solver),
          letsEncryptIssuer("production", letsencrypt.email, solver),
        ],
        healthCheckExprs: [
          {
            apiVersion: "cert-manager.io/v1",
            kind: "ClusterIssuer",
            current: "status.conditions.filter(e, e.type == 'Ready').all(e, e.status == 'True')",
            failed: "status.conditions.filter(e, e.type == 'Ready').all(e, e.status == 'False')",
          },
        ],
      },
    ],
  });
}
export { certManagerMonitoring } from "./alerts.js";
export * from "./flows.js";
