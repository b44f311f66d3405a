import { flow, type Flow, type Workload } from "../network-flows/model.js";
import type { TenantComponent } from "./tenant.js";

function labelsName(labels: Readonly<Record<string, string>> | undefined): string {
  if (!labels || Object.keys(labels).length === 0) return "all-pods";
  return Object.values(labels)
    .join("-")
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 50);
}

/**
 * The flows a tenant's allowances need on the other side: its own policies open its egress
 * (`toNamespace`) and ingress (`fromGateway`, `fromNamespace`), but the peer namespace has the
 * estate's default deny too, so each allowance with ports becomes a declared flow. An allowance
 * without ports ("every port") has no least-privilege translation and yields none; it is
 * returned in `open` so the caller can report it.
 */
export function tenantFlows(cluster: string, tenant: TenantComponent): { flows: Flow[]; open: string[] } {
  const flows: Flow[] = [];
  const open: string[] = [];
  const own = (labels: Readonly<Record<string, string>> | undefined): Workload => ({ cluster, namespace: tenant.namespace, name: labelsName(labels), labels: { ...labels } });
  for (const rule of tenant.tenant.allow) {
    const ports = (rule.ports ?? []).map((p) => ({ port: p.port, ...(p.protocol ? { protocol: p.protocol } : {}) }));
    const why = `tenant ${tenant.name} allowance ${rule.name} (${rule.kind})`;
    if ((rule.kind === "toNamespace" || rule.kind === "fromNamespace") && ports.length === 0) {
      open.push(`${why}: no ports (every port), not translated into a flow`);
      continue;
    }
    if (rule.kind === "toNamespace") {
      const peer: Workload = { cluster, namespace: rule.namespace, name: labelsName(rule.podLabels), labels: { ...rule.podLabels } };
      flows.push(flow(tenant.name, own(rule.pods), peer, ports, why));
    } else if (rule.kind === "fromNamespace") {
      const peer: Workload = { cluster, namespace: rule.namespace, name: labelsName(rule.podLabels), labels: { ...rule.podLabels } };
      flows.push(flow(tenant.name, peer, own(rule.pods), ports, why));
    }
    // fromGateway, toFQDN and toCIDR involve no other namespace of the estate: the tenant's own policies cover them.
  }
  return { flows, open };
}
