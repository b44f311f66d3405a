import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { renderCluster, UserError, type GeneratedFile } from "@k8s-gitops/core";
import { fixtureContext, helmReleaseValues } from "@k8s-gitops/core/testing";
import { parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { victoriaLogs } from "../victoria-logs/index.js";
import { describeChartComponent } from "../testing/chart-contract.js";
import { chart, fluentBit, type FluentBitProps, insertQuery } from "./index.js";

const here = dirname(fileURLToPath(import.meta.url));
const logs = (props = {}) => victoriaLogs(fixtureContext("infra"), props);
const render = (cluster: "infra" | "apps", props: Partial<FluentBitProps> = {}): GeneratedFile[] =>
  renderCluster({ name: cluster, components: [fluentBit(fixtureContext(cluster), { victoriaLogs: logs().endpoints.insert, ...props })] });
const releaseValues = (files: GeneratedFile[]) => helmReleaseValues(files);
const services = (files: GeneratedFile[]) =>
  files.flatMap((f) => parseAllDocuments(f.content).map((d) => d.toJS())).filter((d) => d?.kind === "Service");

describeChartComponent("fluentBit", { dir: here, clusters: ["infra", "apps"], render: (c) => render(c), charts: [{ chart }] });

describe("fluentBit", () => {
  it("GIVEN the defaults THEN it is a DaemonSet tolerating every taint, with a ServiceMonitor", () => {
    const values = releaseValues(render("apps"));
    expect(values.kind).toBe("DaemonSet");
    expect(values.tolerations).toEqual([{ operator: "Exists" }]);
    expect(values.serviceMonitor).toEqual({ enabled: true });
  });

  it("GIVEN the VictoriaLogs endpoint THEN the http output posts gzip JSON lines to its host, port and /insert/jsonline", () => {
    const outputs: string = releaseValues(render("apps")).config.outputs;
    expect(outputs).toContain("Name http");
    expect(outputs).toContain("Host victoria-logs.observability.svc.cluster.local");
    expect(outputs).toContain("Port 9428");
    expect(outputs).toContain(`URI /insert/jsonline?${insertQuery()}`);
    expect(outputs).toMatch(/Format json_lines\n/);
    expect(outputs).toMatch(/Compress gzip\n/);
    expect(insertQuery()).toBe("_stream_fields=cluster,k_namespace_name,k_pod_name,k_container_name,stream&_msg_field=log,msg,message&_time_field=date");
  });

  it("GIVEN VictoriaLogs moved to another Service and port THEN the output follows", () => {
    const outputs: string = releaseValues(render("apps", { victoriaLogs: logs({ serviceName: "logs", port: 9500 }).endpoints.insert })).config.outputs;
    expect(outputs).toContain("Host logs.observability.svc.cluster.local");
    expect(outputs).toContain("Port 9500");
  });

  it("GIVEN the two clusters THEN each record carries its own cluster name, and only apps gets the shadow Service", () => {
    expect(releaseValues(render("infra")).config.filters).toContain("Add cluster infra");
    expect(releaseValues(render("apps")).config.filters).toContain("Add cluster apps");
    expect(services(render("infra"))).toEqual([]);
    expect(services(render("apps"))).toMatchObject([
      { metadata: { name: "victoria-logs", namespace: "observability", annotations: { "service.cilium.io/global": "true", "service.cilium.io/shared": "false" } } },
    ]);
  });

  it("GIVEN an invalid endpoint THEN a UserError names the field", () => {
    expect(() => render("apps", { victoriaLogs: { ...logs().endpoints.insert, port: 70000 } })).toThrow(UserError);
    expect(() => render("apps", { victoriaLogs: { ...logs().endpoints.insert, port: 70000 } })).toThrow(/port: must be an integer from 1 to 65535, got 70000/);
  });

  it("GIVEN a values override THEN sibling defaults are kept", () => {
    const values = releaseValues(render("infra", { values: { resources: { limits: { memory: "512Mi" } } } }));
    expect(values.resources).toEqual({ requests: { cpu: "20m", memory: "64Mi" }, limits: { memory: "512Mi" } });
    expect(values.tolerations).toEqual([{ operator: "Exists" }]);
  });
});
