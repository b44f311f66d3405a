import { UserError } from "@k8s-gitops/core";
import { describe, expect, it } from "vitest";
import { componentLabel, componentMonitoring, monitoringResources } from "./monitoring.js";

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
