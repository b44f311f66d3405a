import { defineComponent, showValue, UserError, type ClusterContext, type Component, type Ref } from "@k8s-gitops/core";
import { gatewayNamespace } from "@k8s-gitops/core/conventions";
import { PodMonitor } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PodMonitor";
import { Deployment } from "kubernetes-models/apps/v1";
import { ServiceAccount } from "kubernetes-models/v1";
import { ClusterRole, ClusterRoleBinding } from "kubernetes-models/rbac.authorization.k8s.io/v1";
import { externalSecret } from "../external-secrets/external-secret.js";
import { metricsPort } from "./flows.js";

export { externalDnsMonitoring } from "./alerts.js";
export { externalDnsFlows, externalDnsPods, metricsPort } from "./flows.js";

/**
 * external-dns, pinned. The upstream kustomize base of tag v0.22.0 (kustomize/kustomization.yaml,
 * `newTag: v0.22.0`) deploys exactly this image; there is no chart in ../shared/charts, so the
 * component renders the upstream manifests (kustomize/external-dns-*.yaml and
 * docs/sources/gateway-api.md "Manifest with RBAC") as typed objects.
 */
// renovate: datasource=docker depName=registry.k8s.io/external-dns/external-dns
export const image = "registry.k8s.io/external-dns/external-dns:v0.22.0";

/** Pod labels (upstream's `app: external-dns`, plus the recommended name label the flows select by). */
export const podLabels = { "app.kubernetes.io/name": "external-dns" } as const;

export type ExternalDnsStage = "app";

export interface ExternalDnsProps {
  /** @default "external-dns" */
  readonly namespace?: string;
  /** The secret store stage, i.e. `secretStoreRef(onePasswordConnect)`: the provider token is an ExternalSecret. */
  readonly secretStore?: Ref;
  /** 1Password item holding the provider API token (field `api-token`). @default "<provider>-external-dns" */
  readonly tokenItem?: string;
  /** Namespace of the Gateways whose routes are published. @default the platform's Gateway namespace */
  readonly gatewayNamespace?: string;
}

/** What one external-dns instance publishes: read back by the DNS coverage check. */
export interface ExternalDnsSettings {
  readonly sources: readonly string[];
  readonly domainFilters: readonly string[];
  readonly gatewayNamespace: string;
  readonly ownerId: string;
}

/** Secret and key of the provider token (external-dns' Cloudflare provider reads `CF_API_TOKEN`). */
const tokenSecret = { name: "external-dns-provider-token", key: "api-token" } as const;

/**
 * The command line of one instance. `--policy=sync` deletes the records of a route that is gone,
 * but only records whose TXT registry entry names this `--txt-owner-id`, so the two clusters
 * (and anything made by hand) share the zone without touching each other's records. The TXT
 * records get external-dns' record-type prefix (`cname-<name>`, registry/mapper/mapper.go
 * ToTXTName), so they never clash with the CNAMEs the external names become.
 */
export function externalDnsArgs(settings: ExternalDnsSettings, provider: string): string[] {
  return [
    ...settings.sources.map((s) => `--source=${s}`),
    `--gateway-namespace=${settings.gatewayNamespace}`,
    ...settings.domainFilters.map((d) => `--domain-filter=${d}`),
    `--provider=${provider}`,
    "--registry=txt",
    `--txt-owner-id=${settings.ownerId}`,
    "--policy=sync",
    // Reconcile as soon as a route changes, and once an hour besides.
    "--events",
    "--interval=1h",
    `--metrics-address=:${metricsPort}`,
  ];
}

/**
 * external-dns for the inventory's public zone: every hostname of the HTTPRoutes attached to the
 * Gateways (internal and external) is published at the DNS provider. The external Gateway's names
 * point at `external.dnsProvider.publicTarget` (the Gateway carries the target annotation, see
 * cilium/gateway.ts); the internal Gateway's names point at its private address, in the same
 * zone (`internalRecords: provider`: the LAN resolver takes no RFC 2136 updates). One replica
 * with the `Recreate` strategy, as upstream deploys it: two would race on the same records.
 */
export function externalDns(context: ClusterContext, props: ExternalDnsProps = {}): Component<ExternalDnsStage> & { readonly settings: ExternalDnsSettings } {
  const namespace = props.namespace ?? "external-dns";
  const { dnsProvider } = context.inventory.external;
  const supported = ["cloudflare"];
  if (!supported.includes(dnsProvider.name)) {
    throw new UserError(`externalDns on cluster ${context.inventory.cluster.name}: external.dnsProvider.name ${showValue(dnsProvider.name)} is not wired up (supported: ${supported.join(", ")})`);
  }
  const settings: ExternalDnsSettings = {
    sources: ["gateway-httproute"],
    // The zone: both the external and (internalRecords: provider) the internal domain lie inside it (inventory rules).
    domainFilters: [dnsProvider.zone],
    gatewayNamespace: props.gatewayNamespace ?? gatewayNamespace,
    ownerId: `k8s-gitops-${context.inventory.cluster.name}`,
  };
  const name = "external-dns";
  const deployment = new Deployment({
    metadata: { name, labels: { ...podLabels } },
    spec: {
      replicas: 1,
      strategy: { type: "Recreate" },
      selector: { matchLabels: { ...podLabels } },
      template: {
        metadata: { labels: { ...podLabels } },
        spec: {
          serviceAccountName: name,
          securityContext: { runAsNonRoot: true, runAsUser: 65534, runAsGroup: 65534, fsGroup: 65534, seccompProfile: { type: "RuntimeDefault" } },
          containers: [
            {
              name,
              image,
              args: externalDnsArgs(settings, dnsProvider.name),
              env: [{ name: "CF_API_TOKEN", valueFrom: { secretKeyRef: { name: tokenSecret.name, key: tokenSecret.key } } }],
              ports: [{ name: "http", containerPort: metricsPort, protocol: "TCP" }],
              // controller/execute.go serveMetrics: /healthz on the metrics address.
              livenessProbe: { httpGet: { path: "/healthz", port: "http" }, initialDelaySeconds: 10, periodSeconds: 30 },
              readinessProbe: { httpGet: { path: "/healthz", port: "http" }, periodSeconds: 10 },
              resources: { requests: { cpu: "10m", memory: "64Mi" }, limits: { memory: "128Mi" } },
              securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
            },
          ],
        },
      },
    },
  });
  return {
    ...defineComponent({
      name,
      namespace,
      area: "infrastructure",
      category: "network",
      stages: [
        {
          name: "app",
          ...(props.secretStore ? { dependsOn: [props.secretStore] } : {}),
          resources: [
            new ServiceAccount({ metadata: { name } }),
            // Only what the gateway-httproute source reads (docs/sources/gateway-api.md "Manifest with RBAC").
            new ClusterRole({
              metadata: { name },
              rules: [
                { apiGroups: [""], resources: ["namespaces"], verbs: ["get", "watch", "list"] },
                { apiGroups: ["gateway.networking.k8s.io"], resources: ["gateways", "httproutes"], verbs: ["get", "watch", "list"] },
              ],
            }),
            new ClusterRoleBinding({
              metadata: { name },
              roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name },
              subjects: [{ kind: "ServiceAccount", name, namespace }],
            }),
            externalSecret({ name: tokenSecret.name, item: props.tokenItem ?? `${dnsProvider.name}-external-dns`, keys: { [tokenSecret.key]: "api-token" } }),
            deployment,
            new PodMonitor({ metadata: { name }, spec: { selector: { matchLabels: { ...podLabels } }, podMetricsEndpoints: [{ port: "http" }] } }),
          ],
        },
      ],
    }),
    settings,
  };
}
