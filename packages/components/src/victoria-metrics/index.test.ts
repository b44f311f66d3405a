import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ref, renderCluster, UserError } from "@k8s-gitops/core";
import { estateOutputDir, fixtureContext, kubectlRequired, matchGolden, strictProblems } from "@k8s-gitops/core/testing";
import { describe, expect, it } from "vitest";
import { serviceUrl } from "../clustermesh/index.js";
import { metricsAgent, operatorCrds, operatorCrdsChart, victoriaMetricsOperator } from "./index.js";
import { documents, findDoc, infraStore, render } from "./test-support.js";
import { kustomizeFailures } from "../testing/kustomize.js";

const here = dirname(fileURLToPath(import.meta.url));

describe("VictoriaMetrics (operator, store, agents)", () => {
  it("GIVEN the infra cluster THEN operator, store and agent render as the golden files", () => {
    expect(matchGolden(join(here, "__golden__", "infra"), render("infra"), { coveredBy: estateOutputDir() })).toBe("");
  });

  it("GIVEN the apps cluster THEN only the operator and the agent render, writing to infra (golden files)", () => {
    expect(matchGolden(join(here, "__golden__", "apps"), render("apps"), { coveredBy: estateOutputDir() })).toBe("");
  });

  it("GIVEN both renders THEN every document validates strictly (VM kinds against the operator CRDs)", () => {
    expect([...strictProblems(render("infra")), ...strictProblems(render("apps"))]).toEqual([]);
  });

  it.runIf(kubectlRequired())("GIVEN both renders THEN every kustomization builds with kubectl kustomize", () => {
    expect([...kustomizeFailures(render("infra")), ...kustomizeFailures(render("apps"))]).toEqual([]);
  });
});

describe("victoriaMetrics endpoints and the agents", () => {
  it("GIVEN the store THEN its endpoints name the VMSingle's Service and port, and that Service is exported to the mesh", () => {
    const store = infraStore();
    const single = findDoc(render("infra"), "VMSingle");
    expect(store.endpoints.query).toMatchObject({ cluster: "infra", name: `vmsingle-${single.metadata.name}`, port: Number(single.spec.port) });
    expect(single.spec.serviceSpec).toEqual({
      useAsDefault: true,
      metadata: { annotations: { "service.cilium.io/global": "true", "service.cilium.io/shared": "true" } },
      spec: {},
    });
  });

  it("GIVEN a different VMSingle name and port on infra THEN the apps agent's remote-write URL and shadow Service follow", () => {
    const moved = infraStore({ name: "metrics", port: 8481 });
    const before = findDoc(render("apps"), "VMAgent").spec.remoteWrite[0].url;
    const files = render("apps", moved);
    const after = findDoc(files, "VMAgent").spec.remoteWrite[0].url;
    expect(after).not.toBe(before);
    expect(after).toBe("http://vmsingle-metrics.observability.svc.cluster.local:8481/api/v1/write");
    const shadow = findDoc(files, "Service", "vmsingle-metrics");
    expect(shadow.spec.ports).toEqual([{ name: "http", port: 8481, protocol: "TCP", targetPort: 8481 }]);
    expect(findDoc(render("infra", moved), "VMSingle", "metrics").spec.port).toBe("8481");
  });

  it("GIVEN the apps agent THEN it has a global, non-shared, selector-less shadow of the infra Service; the infra agent has none", () => {
    const shadow = findDoc(render("apps"), "Service");
    expect(shadow.metadata).toMatchObject({ name: infraStore().endpoints.remoteWrite.name, namespace: "observability" });
    expect(shadow.metadata.annotations).toEqual({ "service.cilium.io/global": "true", "service.cilium.io/shared": "false" });
    expect(shadow.spec.selector).toBeUndefined();
    expect(documents(render("infra")).filter((d) => d.kind === "Service")).toEqual([]);
  });

  it("GIVEN the two clusters THEN each agent labels its series with its own cluster name and both write to the infra store", () => {
    const infraAgent = findDoc(render("infra"), "VMAgent").spec;
    const appsAgent = findDoc(render("apps"), "VMAgent").spec;
    expect(infraAgent.externalLabels).toEqual({ cluster: "infra" });
    expect(appsAgent.externalLabels).toEqual({ cluster: "apps" });
    expect(appsAgent.remoteWrite).toEqual(infraAgent.remoteWrite);
    expect(appsAgent.remoteWrite[0].url).toBe(serviceUrl(infraStore().endpoints.remoteWrite));
  });

  it("GIVEN the agent THEN kubelet and cAdvisor are scraped over HTTPS with the service-account token", () => {
    const files = render("apps");
    for (const [name, path] of [["kubelet", "/metrics"], ["cadvisor", "/metrics/cadvisor"]] as const) {
      expect(findDoc(files, "VMNodeScrape", name).spec).toMatchObject({
        scheme: "https",
        port: "10250",
        path,
        bearerTokenFile: "/var/run/secrets/kubernetes.io/serviceaccount/token",
      });
    }
  });

  it("GIVEN the agent THEN it selects scrape objects of every namespace", () => {
    const spec = findDoc(render("infra"), "VMAgent").spec;
    expect(spec.selectAllByDefault).toBe(true);
    for (const key of ["serviceScrape", "podScrape", "nodeScrape", "probe", "staticScrape", "scrapeConfig"]) {
      expect(spec[`${key}NamespaceSelector`]).toEqual({});
    }
  });

  it("GIVEN a remote-write ref from another namespace THEN the agent is refused (its shadow could not pair)", () => {
    const remoteWrite = { ...infraStore().endpoints.remoteWrite, namespace: "monitoring" };
    expect(() => metricsAgent(fixtureContext("apps"), { remoteWrite })).toThrow(UserError);
  });

  it("GIVEN invalid store props THEN one UserError lists each bad prop with its value", () => {
    expect(() => infraStore({ retention: "30 days", storageSize: "lots" })).toThrow(/retention: must look like "30d".*got "30 days"[\s\S]*storageSize: .*got "lots"/);
  });

  it("GIVEN a VMSingle spec override THEN sibling defaults are kept", () => {
    const spec = findDoc(render("infra", infraStore({ specs: { single: { resources: { limits: { memory: "8Gi" } } } } })), "VMSingle").spec;
    expect(spec.resources).toEqual({ requests: { cpu: "200m", memory: "1Gi" }, limits: { memory: "8Gi" } });
    expect(spec.retentionPeriod).toBe("30d");
  });
});

describe("victoriaMetricsOperator", () => {
  const values = (props = {}) =>
    findDoc(renderCluster({ name: "infra", components: [victoriaMetricsOperator(fixtureContext("infra"), props)] }), "HelmRelease").spec.values;

  it("GIVEN the defaults THEN the Prometheus-operator converter is on, with ownership", () => {
    expect(values().operator).toEqual({ disable_prometheus_converter: false, enable_converter_ownership: true });
  });

  it("GIVEN a values override THEN sibling defaults are kept", () => {
    const v = values({ values: { operator: { enable_converter_ownership: false } } });
    expect(v.operator).toEqual({ disable_prometheus_converter: false, enable_converter_ownership: false });
    expect(v.serviceMonitor).toEqual({ enabled: true });
  });

  it("GIVEN the bootstrap THEN phase 0 installs the operator's CRD chart into the observability namespace", () => {
    expect(operatorCrds).toEqual({ name: "victoria-metrics-operator-crds", namespace: "observability", chart: operatorCrdsChart });
  });

  it("GIVEN the store and agent THEN both wait for the operator (its webhook validates their objects)", () => {
    const context = fixtureContext("infra");
    const operator = victoriaMetricsOperator(context);
    const store = infraStore({ operator: ref(operator) });
    const files = renderCluster({ name: "infra", components: [operator, store] });
    const ks = documents(files).find((d) => d.kind === "Kustomization" && d.metadata?.name === "victoria-metrics");
    expect(ks?.spec.dependsOn).toEqual([{ name: "victoria-metrics-operator", namespace: "observability" }]);
  });
});
