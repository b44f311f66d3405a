import { HTTPRoute } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute";
import type { GatewayRef } from "@k8s-gitops/core/conventions";
import { chartServices, corePathPrefixes } from "./names.js";

export interface HarborRouteOptions {
  readonly hostname: string;
  /** Whole-request limit: image layers are long uploads and downloads. */
  readonly timeout: string;
}

/**
 * What the chart's ingress would do, on a shared Gateway: the API, token service, registry API
 * and OIDC endpoints go to core, everything else to the portal. Gateway API picks the longest
 * matching prefix, so `/` only catches what the core prefixes do not.
 */
export function harborRoute(gateway: GatewayRef, options: HarborRouteOptions): HTTPRoute {
  const backend = (service: { readonly name: string; readonly port: number }) => [{ name: service.name, port: service.port }];
  return new HTTPRoute({
    metadata: { name: "harbor" },
    spec: {
      parentRefs: [{ group: "gateway.networking.k8s.io", kind: "Gateway", name: gateway.name, namespace: gateway.namespace, sectionName: gateway.sectionName }],
      hostnames: [options.hostname],
      rules: [
        {
          matches: corePathPrefixes.map((value) => ({ path: { type: "PathPrefix" as const, value } })),
          backendRefs: backend(chartServices.core),
          timeouts: { request: options.timeout },
        },
        {
          matches: [{ path: { type: "PathPrefix", value: "/" } }],
          backendRefs: backend(chartServices.portal),
        },
      ],
    },
  });
}
