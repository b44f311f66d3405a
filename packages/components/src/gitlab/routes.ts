import { HTTPRoute } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute";
import type { GatewayRef } from "@k8s-gitops/core/conventions";

export interface RouteTarget {
  readonly name: string;
  readonly hostname: string;
  readonly service: { readonly name: string; readonly port: number };
  /** Whole-request limit: git pushes, clones and image layers are long uploads and downloads. */
  readonly timeout: string;
}

/** An HTTPRoute from a Gateway's HTTPS listener to one of the chart's Services. */
export function route(gateway: GatewayRef, target: RouteTarget): HTTPRoute {
  return new HTTPRoute({
    metadata: { name: target.name },
    spec: {
      parentRefs: [{ group: "gateway.networking.k8s.io", kind: "Gateway", name: gateway.name, namespace: gateway.namespace, sectionName: gateway.sectionName }],
      hostnames: [target.hostname],
      rules: [
        {
          matches: [{ path: { type: "PathPrefix", value: "/" } }],
          backendRefs: [{ name: target.service.name, port: target.service.port }],
          timeouts: { request: target.timeout },
        },
      ],
    },
  });
}
