import { Certificate } from "@kubernetes-models/cert-manager/cert-manager.io/v1/Certificate";
import { Gateway } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/Gateway";
import { HTTPRoute } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute";
import { UserError, showValue, type ClusterContext, type Inventory } from "@k8s-gitops/core";
import { fixedAddress, type FixedAddress } from "./load-balancer.js";

/** The two shared Gateways: `internal` (LAN only) and `external` (published to the internet). */
export type GatewayName = "internal" | "external";
export const gatewayNames: readonly GatewayName[] = ["internal", "external"];

/** Namespace of the Gateways (Cilium's own); routes attach from any namespace. */
export const gatewayNamespace = "kube-system";
/** GatewayClass the Cilium chart creates (`gatewayAPI.gatewayClass.create`). */
export const gatewayClassName = "cilium";
/** ClusterIssuer of the wildcard certificates (the cert-manager component's `issuers` stage). */
export const certificateIssuer = "letsencrypt-production";

/** What an HTTPRoute puts in `spec.parentRefs` to attach to a Gateway's HTTPS listener. */
export interface GatewayRef {
  readonly name: GatewayName;
  readonly namespace: string;
  readonly sectionName: "https";
}

const fixedKey: Record<GatewayName, FixedAddress> = { internal: "internalGateway", external: "externalGateway" };

function domainOf(inventory: Inventory, gateway: GatewayName): string {
  return inventory.cluster.domains[gateway];
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
  return domainOf(context.inventory, gateway);
}

const dnsLabel = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** A hostname the Gateway's wildcard listener and certificate cover, e.g. `grafana.infra.lab.example.net`. */
export function gatewayHostname(context: ClusterContext, gateway: GatewayName, host: string): string {
  if (!dnsLabel.test(host)) {
    throw new UserError(
      `gatewayHostname(${showValue(gateway)}, ${showValue(host)}): the host must be one DNS label (lowercase letters, digits, '-'), because the ${gateway} Gateway's certificate covers only *.${domainOf(context.inventory, gateway)}`,
    );
  }
  return `${host}.${domainOf(context.inventory, gateway)}`;
}

const tlsSecretName = (gateway: GatewayName) => `${gateway}-gateway-tls`;

/** The wildcard certificate for one Gateway, issued by Let's Encrypt over DNS-01. */
export function gatewayCertificate(inventory: Inventory, gateway: GatewayName): Certificate {
  return new Certificate({
    metadata: { name: `${gateway}-gateway` },
    spec: {
      secretName: tlsSecretName(gateway),
      issuerRef: { group: "cert-manager.io", kind: "ClusterIssuer", name: certificateIssuer },
      dnsNames: [`*.${domainOf(inventory, gateway)}`],
    },
  });
}

/**
 * A shared Gateway on its fixed address. Cilium 1.20 takes the address from `spec.addresses`
 * (the `lbipam.cilium.io/ips` annotation via `spec.infrastructure` is the legacy way, slated for
 * deprecation); the infrastructure label admits the generated Service to the reserved pool.
 */
export function sharedGateway(inventory: Inventory, gateway: GatewayName): Gateway {
  const { address, labels } = fixedAddress(inventory, fixedKey[gateway]);
  const hostname = `*.${domainOf(inventory, gateway)}`;
  return new Gateway({
    metadata: { name: gateway },
    spec: {
      gatewayClassName,
      addresses: [{ type: "IPAddress", value: address }],
      infrastructure: { labels },
      listeners: [
        // Only the HTTPS redirect attaches here, so no application can serve plain HTTP.
        { name: "http", protocol: "HTTP", port: 80, hostname, allowedRoutes: { namespaces: { from: "Same" } } },
        {
          name: "https",
          protocol: "HTTPS",
          port: 443,
          hostname,
          allowedRoutes: { namespaces: { from: "All" } },
          tls: { mode: "Terminate", certificateRefs: [{ kind: "Secret", name: tlsSecretName(gateway) }] },
        },
      ],
    },
  });
}

/** One route on every `http` listener answering 301 with the same URL over HTTPS. */
export function httpsRedirect(gateways: readonly GatewayName[]): HTTPRoute {
  return new HTTPRoute({
    metadata: { name: "https-redirect" },
    spec: {
      parentRefs: gateways.map((name) => ({ name, namespace: gatewayNamespace, sectionName: "http" })),
      rules: [{ filters: [{ type: "RequestRedirect", requestRedirect: { scheme: "https", statusCode: 301 } }] }],
    },
  });
}
