import { UserError } from "@k8s-gitops/core";
import { fixtureContext } from "@k8s-gitops/core/testing";
import { describe, expect, it } from "vitest";
import { type ComponentMonitoring, componentLabel, componentMonitoring, controllerRuntimeGroup, controllerRuntimePanels, monitoringResources } from "./monitoring.js";
import type { VMRule } from "./rules/rule.js";
import { victoriaMetrics } from "./stack.js";

const props = {
  component: "harbor",
  namespace: "harbor",
  groups: [{ name: "harbor", rules: [{ alert: "HarborDown", expr: "harbor_up == 0", labels: { severity: "critical" as const } }] }],
  panels: [{ title: "Parts up", expr: "harbor_up" }],
};

describe("componentMonitoring", () => {
  it("GIVEN a component's groups and panels THEN its VMRule starts with the target-down group and both objects carry the component label", () => {
    const { rule, dashboard } = componentMonitoring(props);
    expect(rule.metadata.name).toBe("harbor");
    expect(rule.metadata.labels?.[componentLabel]).toBe("harbor");
    expect(rule.spec.groups.map((g) => g.name)).toEqual(["harbor-availability", "harbor"]);
    expect(rule.spec.groups[0]!.rules[0]).toMatchObject({ alert: "HarborTargetDown", expr: 'max by (cluster, namespace, job, pod) (up{namespace="harbor"} == 0)' });
    expect(dashboard.metadata?.labels).toEqual({ grafana_dashboard: "1", [componentLabel]: "harbor" });
  });

  it("GIVEN panels THEN the dashboard JSON has the up panel first, then each panel on the metrics data source", () => {
    const json = JSON.parse(componentMonitoring(props).dashboard.data!["harbor.json"]!);
    expect(json.panels.map((p: { title: string }) => p.title)).toEqual(["Scrape targets up", "Parts up"]);
    expect(json.panels[1].datasource).toEqual({ type: "prometheus", uid: "victoriametrics" });
    expect(JSON.stringify(json)).not.toContain("${");
  });

  it("GIVEN an invalid rule THEN vmRule's validation refuses it", () => {
    const bad = { ...props, groups: [{ name: "harbor", rules: [{ alert: "harbor down", expr: "x", labels: { severity: "critical" as const } }] }] };
    expect(() => componentMonitoring(bad)).toThrow(UserError);
  });

  it("GIVEN the same component twice THEN the hub refuses the list", () => {
    expect(() => monitoringResources([componentMonitoring(props), componentMonitoring(props)])).toThrow(/harbor.*watched twice/);
  });
});

describe("componentMonitoring with rule families", () => {
  it("GIVEN a component that carries a rule family THEN its VMRule holds the family's groups after the target-down group", () => {
    const m = componentMonitoring({ ...props, component: "cert-manager", namespace: "cert-manager", families: ["cert-manager"], groups: [] });
    expect(m.families).toEqual(["cert-manager"]);
    expect(m.rule.spec.groups.map((g) => g.name)).toEqual(["cert-manager-availability", "cert-manager"]);
    expect(m.rule.spec.groups[1]!.rules.map((r) => ("alert" in r ? r.alert : r.record))).toContain("CertificateExpiresSoon");
  });

  it("GIVEN the hub with a monitoring that carries a family THEN the stack ships that family once, inside the component's VMRule", () => {
    const carried = componentMonitoring({ ...props, component: "flux-operator", namespace: "flux-system", families: ["flux"], groups: [] });
    const names = (monitoring: ComponentMonitoring[]) =>
      victoriaMetrics(fixtureContext("infra"), { monitoring })
        .stages.flatMap((stage) => stage.resources)
        .filter((r) => (r as { kind?: string }).kind === "VMRule")
        .map((r) => (r as VMRule).metadata.name);
    expect(names([])).toContain("flux");
    expect(names([carried])).not.toContain("flux");
    expect(names([carried])).toContain("flux-operator");
  });

  it("GIVEN two components carrying the same family THEN the hub refuses the list", () => {
    const a = componentMonitoring({ ...props, component: "a", namespace: "a", families: ["flux"], groups: [] });
    const b = componentMonitoring({ ...props, component: "b", namespace: "b", families: ["flux"], groups: [] });
    expect(() => monitoringResources([a, b])).toThrow(/rule family "flux" is carried by both "a" and "b"/);
  });

  it("GIVEN a controller-runtime selector THEN its alerts and panels read the controller-runtime series of that selector only", () => {
    const group = controllerRuntimeGroup("victoria-metrics-operator", 'namespace="observability"');
    expect(group.rules.map((r) => ("alert" in r ? r.alert : r.record))).toEqual(["VictoriaMetricsOperatorReconcileErrors", "VictoriaMetricsOperatorWorkQueueBacklog"]);
    for (const rule of group.rules) expect(rule.expr).toContain('{namespace="observability"}');
    for (const panel of controllerRuntimePanels('namespace="observability"')) expect(panel.expr).toContain('namespace="observability", cluster=~"$cluster"');
  });
});
