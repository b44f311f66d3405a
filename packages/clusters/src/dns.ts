import type { Cluster } from "@k8s-gitops/core";

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => value !== null && typeof value === "object" && !Array.isArray(value);
const at = (value: unknown, ...path: string[]): unknown => path.reduce<unknown>((v, key) => (isObject(v) ? v[key] : undefined), value);
const str = (value: unknown): string => (typeof value === "string" ? value : "");
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** One external-dns instance as its Deployment's command line configures it. */
interface Instance {
  readonly where: string;
  readonly sources: readonly string[];
  readonly domainFilters: readonly string[];
  /** `--gateway-namespace`; undefined: Gateways of every namespace. */
  readonly gatewayNamespace?: string;
}

/** A name a Gateway serves and where it is declared. */
interface Hostname {
  readonly hostname: string;
  readonly where: string;
  /** The route source that publishes it (`gateway-httproute`), or undefined for a listener's own hostname. */
  readonly source?: string;
  readonly gatewayNamespace: string;
}

const flagValues = (args: readonly string[], flag: string): string[] => args.filter((a) => a.startsWith(`--${flag}=`)).map((a) => a.slice(flag.length + 3));

/**
 * external-dns `--domain-filter` (endpoint/domain_filter.go Match): a name matches a filter when
 * it equals it or ends with `.<filter>`; no filter matches everything. A wildcard listener
 * hostname `*.d` is inside the filter when `d` is.
 */
function inDomain(hostname: string, filters: readonly string[]): boolean {
  const name = hostname.replace(/^\*\./, "").replace(/\.$/, "").toLowerCase();
  return filters.length === 0 || filters.some((f) => name === f.toLowerCase() || name.endsWith(`.${f.toLowerCase()}`));
}

function instancesOf(cluster: Cluster): Instance[] {
  return cluster.components.flatMap((component) =>
    component.stages.flatMap((stage) =>
      (stage.resources as unknown[])
        .filter((r) => str(at(r, "kind")) === "Deployment")
        .flatMap((deployment) =>
          list(at(deployment, "spec", "template", "spec", "containers"))
            .filter((c) => /\/external-dns\/external-dns:/.test(str(at(c, "image"))))
            .map((c): Instance => {
              const args = list(at(c, "args")).map(str);
              const gatewayNamespace = flagValues(args, "gateway-namespace")[0];
              return {
                where: `${component.namespace}/${str(at(deployment, "metadata", "name"))}`,
                sources: flagValues(args, "source"),
                domainFilters: flagValues(args, "domain-filter"),
                ...(gatewayNamespace === undefined ? {} : { gatewayNamespace }),
              };
            }),
        ),
    ),
  );
}

function hostnamesOf(cluster: Cluster): Hostname[] {
  const names: Hostname[] = [];
  for (const component of cluster.components) {
    for (const resource of component.stages.flatMap((s) => s.resources as unknown[])) {
      const kind = str(at(resource, "kind"));
      const namespace = str(at(resource, "metadata", "namespace")) || component.namespace;
      const name = `${kind} ${namespace}/${str(at(resource, "metadata", "name"))}`;
      if (kind === "Gateway") {
        for (const listener of list(at(resource, "spec", "listeners"))) {
          const hostname = str(at(listener, "hostname"));
          if (hostname !== "") names.push({ hostname, where: `${name} listener ${str(at(listener, "name"))}`, gatewayNamespace: namespace });
        }
      }
      if (kind === "HTTPRoute") {
        const parents = list(at(resource, "spec", "parentRefs")).map((p) => str(at(p, "namespace")) || namespace);
        for (const hostname of list(at(resource, "spec", "hostnames")).map(str)) {
          for (const gatewayNamespace of new Set(parents)) names.push({ hostname, where: name, source: "gateway-httproute", gatewayNamespace });
        }
      }
    }
  }
  return names;
}

/**
 * Every hostname a Gateway of the estate serves (listener hostnames and the hostnames of the
 * HTTPRoutes attached to them) with an external-dns instance on the same cluster that publishes
 * it: its sources read that kind of route, its `--gateway-namespace` is the Gateway's, its
 * `--domain-filter` contains the name. A listener's wildcard is covered by an instance whose
 * filter contains it (external-dns publishes the routes' names under it). One message per
 * hostname without one.
 */
export function dnsCoverageProblems(clusters: readonly Cluster[]): string[] {
  const problems: string[] = [];
  for (const cluster of clusters) {
    const instances = instancesOf(cluster);
    for (const name of hostnamesOf(cluster)) {
      const covered = instances.some(
        (i) =>
          (name.source === undefined ? i.sources.some((s) => s.startsWith("gateway-")) : i.sources.includes(name.source)) &&
          (i.gatewayNamespace === undefined || i.gatewayNamespace === name.gatewayNamespace) &&
          inDomain(name.hostname, i.domainFilters),
      );
      if (!covered) {
        const seen = instances.map((i) => `${i.where} (sources ${i.sources.join(", ") || "none"}; domain filter ${i.domainFilters.join(", ") || "none"})`).join("; ");
        problems.push(`cluster ${cluster.name}: ${name.hostname} (${name.where}) has no DNS source: no external-dns instance publishes it (instances: ${seen || "none"})`);
      }
    }
  }
  return problems;
}
