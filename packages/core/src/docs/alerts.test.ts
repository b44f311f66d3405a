import { describe, expect, it } from "vitest";
import type { Component } from "../component/index.js";
import { alertRows } from "./alerts.js";

const rule = (name: string, labels: Record<string, string>) => ({
  apiVersion: "operator.victoriametrics.com/v1beta1",
  kind: "VMRule",
  metadata: { name, labels },
  spec: {
    groups: [
      {
        name: "harbor",
        rules: [
          { record: "harbor:up:min", expr: "min(harbor_up)" },
          { alert: "HarborDown", expr: "harbor_up == 0", for: "5m", labels: { severity: "critical" }, annotations: { summary: "Harbor is down" } },
        ],
      },
    ],
  },
});

const withResources = (resources: unknown[]): { components: Component[] } => ({
  components: [{ name: "victoria-metrics", namespace: "observability", area: "infrastructure", category: "observability", stages: [{ name: "app", resources }] } as unknown as Component],
});

describe("alertRows", () => {
  it("GIVEN a VMRule labelled with its component THEN each alerting rule is a row under that component; recording rules are not", () => {
    expect(alertRows(withResources([rule("harbor", { "k8s-gitops.io/component": "harbor" })]))).toEqual([
      { component: "harbor", group: "harbor", alert: "HarborDown", severity: "critical", holdFor: "5m", summary: "Harbor is down" },
    ]);
  });

  it("GIVEN a VMRule without the component label THEN its rows are under the VMRule's name", () => {
    expect(alertRows(withResources([rule("node", {})]))[0]?.component).toBe("node");
  });
});
