import type { ClusterContext } from "@k8s-gitops/core";
import { tenant, type TenantComponent } from "./tenant.js";

/**
 * The two example tenants of the apps cluster: `team-a` serves a web app through the Gateway
 * and uses the shared Kafka; `team-b` runs batch jobs and may have one LoadBalancer Service.
 */
export function exampleTenants(context: ClusterContext): [TenantComponent, TenantComponent] {
  return [
    tenant(context, {
      name: "team-a",
      quota: {
        requests: { cpu: "4", memory: "8Gi" },
        limits: { cpu: "8", memory: "16Gi" },
        pods: 40,
        persistentVolumeClaims: 10,
        storage: "100Gi",
      },
      networkPolicies: "baseline",
      allow: [
        { name: "web-from-gateway", kind: "fromGateway", pods: { "app.kubernetes.io/name": "web" }, ports: [{ port: 8080 }] },
        { name: "kafka", kind: "toNamespace", namespace: "kafka", podLabels: { "strimzi.io/cluster": "events" }, ports: [{ port: 9092 }, { port: 9093 }] },
        { name: "metrics-scrape", kind: "fromNamespace", namespace: "observability", podLabels: { "app.kubernetes.io/name": "vmagent" } },
      ],
    }),
    tenant(context, {
      name: "team-b",
      quota: {
        requests: { cpu: "2", memory: "4Gi" },
        limits: { cpu: "4", memory: "8Gi" },
        pods: 20,
        persistentVolumeClaims: 5,
        storage: "50Gi",
        loadBalancers: 1,
      },
      limits: { defaultRequest: { cpu: "250m", memory: "256Mi" }, default: { cpu: "1", memory: "1Gi" } },
      networkPolicies: "baseline",
      allow: [{ name: "github", kind: "toFQDN", names: ["github.com", "*.githubusercontent.com"], ports: [{ port: 443 }] }],
      viewers: ["platform-admins"],
    }),
  ];
}
