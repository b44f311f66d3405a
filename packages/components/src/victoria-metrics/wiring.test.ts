import { ref, renderCluster, type Component } from "@k8s-gitops/core";
import { fixtureContext, strictProblems } from "@k8s-gitops/core/testing";
import { describe, expect, it } from "vitest";
import { fluentBit } from "../fluent-bit/index.js";
import { grafana } from "../grafana/index.js";
import { victoriaLogs } from "../victoria-logs/index.js";
import { metricsAgent, victoriaMetrics, victoriaMetricsOperator } from "./index.js";
import { documents } from "./test-support.js";

/** The observability wiring exactly as the cluster definitions are to use it: infra first, apps from infra's endpoints. */
function estate(): { infra: Component[]; apps: Component[] } {
  const infra = fixtureContext("infra");
  const apps = fixtureContext("apps");
  const operator = victoriaMetricsOperator(infra);
  const metrics = victoriaMetrics(infra, { operator: ref(operator) });
  const logs = victoriaLogs(infra);
  const appsOperator = victoriaMetricsOperator(apps);
  return {
    infra: [
      operator,
      metrics,
      metricsAgent(infra, { remoteWrite: metrics.endpoints.remoteWrite, operator: ref(operator) }),
      logs,
      fluentBit(infra, { victoriaLogs: logs.endpoints.insert, logStore: ref(logs) }),
      grafana(infra, { metrics: metrics.endpoints.query, logs: logs.endpoints.query }),
    ],
    apps: [
      appsOperator,
      metricsAgent(apps, { remoteWrite: metrics.endpoints.remoteWrite, operator: ref(appsOperator) }),
      fluentBit(apps, { victoriaLogs: logs.endpoints.insert }),
    ],
  };
}

describe("observability across the estate", () => {
  it("GIVEN all observability components on both clusters THEN both render without conflicts (names, objects, namespace labels)", () => {
    const { infra, apps } = estate();
    expect(() => renderCluster({ name: "infra", components: infra })).not.toThrow();
    expect(() => renderCluster({ name: "apps", components: apps })).not.toThrow();
  });

  it("GIVEN the apps cluster THEN it holds exactly the two shadow Services of the infra stores", () => {
    const services = documents(renderCluster({ name: "apps", components: estate().apps })).filter((d) => d.kind === "Service");
    expect(services.map((s) => s.metadata.name).sort()).toEqual(["victoria-logs", "vmsingle-victoria-metrics"]);
  });

  it("GIVEN both clusters THEN every document validates strictly", () => {
    const { infra, apps } = estate();
    expect([...strictProblems(renderCluster({ name: "infra", components: infra })), ...strictProblems(renderCluster({ name: "apps", components: apps }))]).toEqual([]);
  });
});
