import { HTTPRoute } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute";
import type { ClusterContext } from "@k8s-gitops/core";
import { gatewayHostname, gatewayRef } from "@k8s-gitops/core/conventions";
import { dashboardService } from "./names.js";

/** The Ceph dashboard on the internal Gateway (LAN only), e.g. `ceph.infra.lab.example.net`. */
export function dashboardRoute(context: ClusterContext, host: string): HTTPRoute {
  return new HTTPRoute({
    metadata: { name: "ceph-dashboard" },
    spec: {
      parentRefs: [{ ...gatewayRef(context, "internal") }],
      hostnames: [gatewayHostname(context, "internal", host)],
      rules: [{ backendRefs: [{ name: dashboardService.name, port: dashboardService.port }] }],
    },
  });
}
