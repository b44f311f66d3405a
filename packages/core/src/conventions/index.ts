import type { ClusterContext } from "../cluster/index.js";
import { UserError, showValue } from "../errors/index.js";

/**
 * Platform conventions: names and numbers several components (and Talos) agree on. They live
 * here, once, so a component depends on the convention rather than on the component that
 * happens to create the object (Cilium the Gateways, Rook and OpenEBS the StorageClasses, ...).
 */

/** Talos' default cluster domain (the kubelet's `clusterDomain`), the DNS suffix of in-cluster Services; both clusters keep it. */
export const clusterDomain = "cluster.local";

/**
 * KubePrism's port: Talos serves a local, always-up API endpoint on 127.0.0.1 of every node
 * (machine.features.kubePrism), and Cilium reaches the API server through it.
 */
export const kubePrismPort = 7445;

/** The label every kube-dns client and NetworkPolicy selects on (CoreDNS keeps kube-dns' label). */
export const kubeDnsLabel = { "k8s-app": "kube-dns" } as const;

/** StorageClasses of the platform: Ceph (Rook) for replicated data, OpenEBS hostpath for node-local scratch. */
export const storageClassNames = {
  block: "ceph-block",
  filesystem: "ceph-filesystem",
  bucket: "ceph-bucket",
  hostpath: "openebs-hostpath",
} as const;

/** The ClusterSecretStore (1Password Connect) every ExternalSecret reads from unless told otherwise. */
export const defaultSecretStore = "onepassword";

/** The OIDC group whose members administer the platform's applications (mapped to admin roles by each consumer). */
export const platformAdminGroup = "platform-admins";

/** The ID-token claim that carries a user's group names (Keycloak's groups mapper writes it; GitLab, Harbor and Grafana read it). */
export const oidcGroupsClaim = "groups";

/** The two shared Gateways: `internal` (LAN only) and `external` (published to the internet). */
export type GatewayName = "internal" | "external";
export const gatewayNames: readonly GatewayName[] = ["internal", "external"];

/** Namespace of the Gateways (Cilium's own); routes attach from any namespace. */
export const gatewayNamespace = "kube-system";

/** What an HTTPRoute puts in `spec.parentRefs` to attach to a Gateway's HTTPS listener. */
export interface GatewayRef {
  readonly name: GatewayName;
  readonly namespace: string;
  readonly sectionName: "https";
}

/**
 * The parent reference of a shared Gateway's HTTPS listener, e.g.
 * `parentRefs: [gatewayRef(context, "internal")]`. The Gateways are the same in every cluster;
 * the context keeps call sites uniform with {@link gatewayHostname}.
 */
export function gatewayRef(_context: ClusterContext, gateway: GatewayName): GatewayRef {
  return { name: gateway, namespace: gatewayNamespace, sectionName: "https" };
}

/** The domain a Gateway serves in this cluster: `cluster.domains.internal` or `.external`. */
export function gatewayDomain(context: ClusterContext, gateway: GatewayName): string {
  return context.inventory.cluster.domains[gateway];
}

const dnsLabel = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** A hostname the Gateway's wildcard listener and certificate cover, e.g. `grafana.infra.lab.example.net`. */
export function gatewayHostname(context: ClusterContext, gateway: GatewayName, host: string): string {
  if (!dnsLabel.test(host)) {
    throw new UserError(
      `gatewayHostname(${showValue(gateway)}, ${showValue(host)}): the host must be one DNS label (lowercase letters, digits, '-'), because the ${gateway} Gateway's certificate covers only *.${gatewayDomain(context, gateway)}`,
    );
  }
  return `${host}.${gatewayDomain(context, gateway)}`;
}
