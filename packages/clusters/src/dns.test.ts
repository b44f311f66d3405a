import type { Cluster, Component } from "@k8s-gitops/core";
import { gatewayNamespace } from "@k8s-gitops/core/conventions";
import { describe, expect, it } from "vitest";
import { dnsCoverageProblems } from "./dns.js";
import { buildClusters } from "./estate.js";
import { loadInventories } from "./inventory.js";

const inventories = await loadInventories();
const estate = buildClusters(inventories);

const routeHostnames = (clusters: readonly Cluster[]) =>
  clusters.flatMap((c) => c.components.flatMap((comp) => comp.stages.flatMap((s) => s.resources.filter((r) => (r as { kind?: string }).kind === "HTTPRoute").flatMap((r) => (r as { spec?: { hostnames?: string[] } }).spec?.hostnames ?? []))));

const withoutComponent = (clusters: readonly Cluster[], cluster: string, name: string): Cluster[] =>
  clusters.map((c) => (c.name === cluster ? { ...c, components: c.components.filter((comp: Component) => comp.name !== name) } : c));

describe("DNS for every Gateway hostname", () => {
  it("GIVEN the estate THEN both clusters serve routed hostnames, and every hostname of every Gateway listener and HTTPRoute has a DNS source", () => {
    expect(routeHostnames(estate).length).toBeGreaterThan(5);
    expect(dnsCoverageProblems(estate)).toEqual([]);
  });

  it("GIVEN the apps cluster without external-dns THEN each of its hostnames is named", () => {
    const problems = dnsCoverageProblems(withoutComponent(estate, "apps", "external-dns"));
    expect(problems.length).toBeGreaterThan(2);
    expect(problems.every((p) => p.startsWith("cluster apps: "))).toBe(true);
    expect(problems).toContain(`cluster apps: *.example.net (Gateway ${gatewayNamespace}/external listener https) has no DNS source: no external-dns instance publishes it (instances: none)`);
  });

  it("GIVEN a route whose hostname lies outside the zone THEN that hostname is named with the instance that does not cover it", () => {
    const clusters = estate.map((c) => ({
      ...c,
      components: c.components.map((comp) => ({
        ...comp,
        stages: comp.stages.map((s) => ({
          ...s,
          resources: s.resources.map((r) => {
            const route = r as { kind?: string; spec?: { hostnames?: string[] } };
            return route.kind === "HTTPRoute" && route.spec?.hostnames?.[0]?.startsWith("grafana.") ? { ...route, spec: { ...route.spec, hostnames: ["grafana.example.org"] } } : r;
          }),
        })),
      })),
    })) as Cluster[];
    const problems = dnsCoverageProblems(clusters);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^cluster infra: grafana\.example\.org \(HTTPRoute observability\/grafana\) has no DNS source: .*domain filter example\.net\)\)$/);
  });
});
