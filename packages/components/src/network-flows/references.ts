import { isModelResource, stageObjects, type Component, type Resource } from "@k8s-gitops/core";
import { flowKey, isEntity, type Flow } from "./model.js";

/**
 * A reference that crosses the network, as it appears in a component's rendered objects: an
 * in-cluster Service host name (`<service>.<namespace>.svc[.cluster.local]`, what the consumer
 * dials, including ClusterMesh global services) or an HTTPRoute backend (what the Gateway dials).
 */
export interface NetworkReference {
  readonly cluster: string;
  readonly component: string;
  /** Namespace of the component, i.e. of the pods that use the reference (Flux targetNamespace). */
  readonly namespace: string;
  readonly via: "host" | "route";
  readonly service: string;
  readonly serviceNamespace: string;
}

const serviceHost = /\b([a-z0-9](?:[-a-z0-9]*[a-z0-9])?)\.([a-z0-9](?:[-a-z0-9]*[a-z0-9])?)\.svc(?![-a-z0-9])/g;

function json(resource: Resource): unknown {
  return isModelResource(resource) ? resource.toJSON() : resource;
}

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const item of value) strings(item, out);
  else if (value !== null && typeof value === "object") for (const item of Object.values(value)) strings(item, out);
  return out;
}

/** Every network reference of a cluster's components (generated policies themselves excluded). */
export function networkReferences(cluster: string, components: readonly Component[]): NetworkReference[] {
  const found = new Map<string, NetworkReference>();
  const add = (reference: NetworkReference) => found.set(JSON.stringify(reference), reference);
  for (const component of components) {
    // Every object the stage emits, its typed releases (HelmRelease values name the Services) included.
    for (const resource of component.stages.flatMap((stage) => stageObjects(stage))) {
      if (resource.kind === "CiliumNetworkPolicy" || resource.kind === "CiliumClusterwideNetworkPolicy") continue;
      const base = { cluster, component: component.name, namespace: component.namespace };
      const body = json(resource) as { spec?: { rules?: { backendRefs?: { name: string; namespace?: string; kind?: string }[] }[] } };
      if (resource.kind === "HTTPRoute" || resource.kind === "GRPCRoute") {
        for (const backend of (body.spec?.rules ?? []).flatMap((rule) => rule.backendRefs ?? [])) {
          if ((backend.kind ?? "Service") !== "Service") continue;
          add({ ...base, via: "route", service: backend.name, serviceNamespace: backend.namespace ?? component.namespace });
        }
      }
      for (const text of strings(body)) {
        for (const match of text.matchAll(serviceHost)) add({ ...base, via: "host", service: match[1]!, serviceNamespace: match[2]! });
      }
    }
  }
  return [...found.values()].sort((a, b) => { const [x, y] = [JSON.stringify(a), JSON.stringify(b)]; return x < y ? -1 : x > y ? 1 : 0; });
}

/** A flow serves a reference when its owner is the referencing component and it reaches the Service's namespace under the Service's name. */
function serves(flow: Flow, reference: NetworkReference): boolean {
  if (flow.owner !== reference.component || flow.service !== reference.service || isEntity(flow.to) || flow.to.namespace !== reference.serviceNamespace) return false;
  if (reference.via === "route") return isEntity(flow.from) && flow.from.entity === "ingress" && flow.from.cluster === reference.cluster;
  return !isEntity(flow.from) && flow.from.cluster === reference.cluster && flow.from.namespace === reference.namespace;
}

/**
 * The two ways references and flows drift apart: a reference in the rendered objects that no flow
 * serves (the consumer would be dropped), and a flow naming a Service no component references
 * (an allow rule nobody needs). Flows without `service` (egress to the internet, scrapes,
 * operator-to-instance traffic) are declared by their owner and not matched to a host name.
 */
export function referenceProblems(references: readonly NetworkReference[], flows: readonly Flow[], clusters: readonly string[]): string[] {
  const problems: string[] = [];
  for (const reference of references) {
    if (!flows.some((f) => serves(f, reference))) {
      problems.push(
        `cluster ${reference.cluster}, component ${reference.component} (namespace ${reference.namespace}): ${reference.via === "route" ? "routes the Gateway to" : "dials"} Service ${reference.serviceNamespace}/${reference.service} but no flow admits it; declare the flow next to the reference`,
      );
    }
  }
  for (const flow of flows) {
    if (flow.service === undefined) continue;
    if (!clusters.includes(flow.from.cluster)) continue;
    if (!references.some((r) => serves(flow, r))) problems.push(`flow of ${flow.owner} ${flowKey(flow)}: component ${flow.owner} does not reference Service ${flow.service}; remove the flow or the reference was lost`);
  }
  return problems;
}
