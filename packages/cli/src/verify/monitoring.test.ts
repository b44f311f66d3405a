import { describe, expect, it } from "vitest";
import type { PlacedObject } from "./disruption.js";
import { componentLabel, componentOfFile, monitoringProblems } from "./monitoring.js";
import { formatProblemLine } from "./problems.js";

const file = "kubernetes/workloads/apps/platform/harbor/app/helmrelease.yaml";
const hub = "kubernetes/infrastructure/infra/observability/victoria-metrics/app/vmrule-harbor.yaml";
const place = (doc: unknown, at = file, cluster = "apps"): PlacedObject => ({ cluster, namespace: "harbor", doc, file: at });
const monitor = { apiVersion: "monitoring.coreos.com/v1", kind: "ServiceMonitor", metadata: { name: "harbor" } };
const rule = { apiVersion: "operator.victoriametrics.com/v1beta1", kind: "VMRule", metadata: { name: "harbor", labels: { [componentLabel]: "harbor" } } };
const dashboard = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "dashboard-harbor", labels: { grafana_dashboard: "1", [componentLabel]: "harbor" } } };
const lines = (objects: PlacedObject[], pending: ReadonlyMap<string, string> = new Map()): string[] => monitoringProblems(objects, pending).map(formatProblemLine);

describe("monitoring", () => {
  it("GIVEN a component with a ServiceMonitor and neither rules nor dashboard THEN it is reported with what is missing", () => {
    expect(lines([place(monitor)])).toEqual([
      `monitoring: ${file}: component harbor exposes metrics (a scrape object on cluster apps) without a VMRule and without a grafana_dashboard ConfigMap labelled ${componentLabel}: harbor exists in the estate`,
    ]);
  });

  it("GIVEN its VMRule and dashboard on the hub cluster THEN the component passes", () => {
    expect(lines([place(monitor), place(rule, hub, "infra"), place(dashboard, hub, "infra")])).toEqual([]);
  });

  it("GIVEN a VMRule but no dashboard THEN only the dashboard is missing", () => {
    expect(lines([place(monitor), place(rule, hub, "infra")])).toEqual([expect.stringContaining("without a grafana_dashboard ConfigMap")]);
  });

  it("GIVEN a pending entry for a component now covered, or one that exposes no metrics THEN the stale entry is reported", () => {
    const covered = lines([place(monitor), place(rule, hub, "infra"), place(dashboard, hub, "infra")], new Map([["harbor", "later"]]));
    expect(covered).toEqual([expect.stringContaining("component harbor now has alerts and a dashboard: remove it from monitoringPending")]);
    const quiet = lines([place(rule)], new Map([["harbor", "later"]]));
    expect(quiet).toEqual([expect.stringContaining("monitoringPending lists harbor, which exposes no metrics")]);
  });

  it("GIVEN tree paths THEN the component is the app folder, or the base name", () => {
    expect(componentOfFile(file)).toBe("harbor");
    expect(componentOfFile("kubernetes/bases/cloudnative-pg/helmrelease.yaml")).toBe("cloudnative-pg");
    expect(componentOfFile("bootstrap/clusters/infra/cilium.yaml")).toBeUndefined();
  });
});
