import { Certificate } from "@kubernetes-models/cert-manager/cert-manager.io/v1/Certificate";
import { Gateway } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/Gateway";
import { HTTPRoute } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute";
import type { Inventory } from "@k8s-gitops/core";
import { gatewayNamespace, type GatewayName } from "@k8s-gitops/core/conventions";
import { fixedAddress, type FixedAddress } from "./load-balancer.js";

// Gateway names, their namespace, parent references and hostnames are platform conventions.
export { gatewayDomain, gatewayHostname, gatewayNames, gatewayNamespace, gatewayRef, type GatewayName, type GatewayRef } from "@k8s-gitops/core/conventions";

/** GatewayClass the Cilium chart creates (`gatewayAPI.gatewayClass.create`). */
export const gatewayClassName = "cilium";
/** ClusterIssuer of the wildcard certificates (the cert-manager component's `issuers` stage). */
export const certificateIssuer = "letsencrypt-production";

const fixedKey: Record<GatewayName, FixedAddress> = { internal: "internalGateway", external: "externalGateway" };

function domainOf(inventory: Inventory, gateway: GatewayName): string {
  return inventory.cluster.domains[gateway];
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
  const target = gateway === "external" ? inventory.external.dnsProvider.publicTarget : undefined;
  return new Gateway({
    // external-dns reads only `target` from a Gateway (docs/sources/gateway-api.md "Annotation
    // Placement"): the public records of the external Gateway's routes point at the router's WAN
    // name instead of the Gateway's LAN address. Without it, the Gateway's status address is used.
    metadata: { name: gateway, ...(target ? { annotations: { "external-dns.kubernetes.io/target": target } } : {}) },
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
