import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { renderCluster, UserError, type GeneratedFile } from "@k8s-gitops/core";
import { fixtureContext, helmReleaseValues } from "@k8s-gitops/core/testing";
import { parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { victoriaLogs } from "../victoria-logs/index.js";
import { victoriaMetrics } from "../victoria-metrics/index.js";
import { describeChartComponent } from "../testing/chart-contract.js";
import { chart, datasourceUids, defaultDashboards, grafana, type GrafanaProps } from "./index.js";

const here = dirname(fileURLToPath(import.meta.url));
const infra = fixtureContext("infra");
const refs = (metrics = {}, logs = {}) => ({
  metrics: victoriaMetrics(infra, metrics).endpoints.query,
  logs: victoriaLogs(infra, logs).endpoints.query,
});
const render = (props: Partial<GrafanaProps> = {}): GeneratedFile[] =>
  renderCluster({ name: "infra", components: [grafana(infra, { ...refs(), ...props })] });
const docs = (files: GeneratedFile[]) => files.flatMap((f) => parseAllDocuments(f.content).map((d) => d.toJS())).filter(Boolean);
const releaseValues = (files: GeneratedFile[]) => helmReleaseValues(files);

describeChartComponent("grafana", { dir: here, clusters: ["infra"], render: () => render(), charts: [{ chart }] });

describe("grafana", () => {
  it("GIVEN the typed endpoints THEN the data sources point at them, and follow when the services move", () => {
    const [metrics, logs] = releaseValues(render()).datasources["datasources.yaml"].datasources;
    expect(metrics).toMatchObject({ type: "prometheus", uid: datasourceUids.metrics, url: "http://vmsingle-victoria-metrics.observability.svc.cluster.local:8428", isDefault: true });
    expect(logs).toMatchObject({ type: "victoriametrics-logs-datasource", url: "http://victoria-logs.observability.svc.cluster.local:9428" });
    const moved = releaseValues(render(refs({ name: "metrics", port: 8481 }, { serviceName: "logs" }))).datasources["datasources.yaml"].datasources;
    expect(moved.map((d: { url: string }) => d.url)).toEqual([
      "http://vmsingle-metrics.observability.svc.cluster.local:8481",
      "http://logs.observability.svc.cluster.local:9428",
    ]);
  });

  it("GIVEN the defaults THEN the VictoriaLogs plugin is installed and every dashboard binds DS_PROMETHEUS to the metrics source", () => {
    const values = releaseValues(render());
    expect(values.plugins).toContain("victoriametrics-logs-datasource");
    const providers = values.dashboardProviders["dashboardproviders.yaml"].providers.map((p: { name: string }) => p.name);
    expect(providers).toEqual(Object.keys(defaultDashboards));
    for (const folder of Object.values(values.dashboards) as Record<string, { datasource: unknown; revision?: number; url?: string }>[]) {
      for (const dashboard of Object.values(folder)) {
        expect(dashboard.datasource).toEqual([{ name: "DS_PROMETHEUS", value: datasourceUids.metrics }]);
        // The chart downloads revision 1 unless told otherwise, and raw URLs must not float on a branch.
        expect(dashboard.revision ?? dashboard.url).toBeDefined();
        if (dashboard.url) expect(dashboard.url).not.toMatch(/\/(main|master)\//);
      }
    }
  });

  it("GIVEN the internal gateway THEN the HTTPRoute attaches to its HTTPS listener with a host under the internal domain", () => {
    const route = docs(render()).find((d) => d.kind === "HTTPRoute");
    expect(route.spec.parentRefs).toEqual([{ name: "internal", namespace: "kube-system", sectionName: "https" }]);
    expect(route.spec.hostnames).toEqual([`grafana.${infra.inventory.cluster.domains.internal}`]);
    expect(releaseValues(render())["grafana.ini"].server.root_url).toBe(`https://grafana.${infra.inventory.cluster.domains.internal}`);
  });

  it("GIVEN the defaults THEN admin credentials come from an ExternalSecret and no OIDC is configured", () => {
    const files = render();
    const secret = docs(files).find((d) => d.kind === "ExternalSecret");
    expect(secret.metadata.name).toBe(releaseValues(files).admin.existingSecret);
    expect(secret.spec.data.map((d: { remoteRef: { key: string } }) => d.remoteRef.key)).toEqual(["grafana", "grafana"]);
    expect(releaseValues(files)["grafana.ini"]["auth.generic_oauth"]).toBeUndefined();
    expect(docs(files).some((d) => d.kind === "Secret")).toBe(false);
  });

  it("GIVEN an OIDC realm THEN generic OAuth points at Keycloak and the client secret comes from an ExternalSecret", () => {
    const files = render({ oidc: { issuerUrl: "https://sso.example.net/realms/platform", clientId: "grafana", secretItem: "grafana-oidc" } });
    const ini = releaseValues(files)["grafana.ini"]["auth.generic_oauth"];
    expect(ini).toMatchObject({ client_id: "grafana", token_url: "https://sso.example.net/realms/platform/protocol/openid-connect/token" });
    expect(releaseValues(files).envValueFrom.GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET).toEqual({ secretKeyRef: { name: "grafana-oidc", key: "client-secret" } });
    expect(docs(files).filter((d) => d.kind === "ExternalSecret").map((d) => d.metadata.name)).toEqual(["grafana-admin", "grafana-oidc"]);
  });

  it("GIVEN a malformed issuer or host THEN a UserError names the value", () => {
    expect(() => render({ oidc: { issuerUrl: "http://sso/realm", clientId: "grafana", secretItem: "x" } })).toThrow(/oidc.issuerUrl .* got "http:\/\/sso\/realm"/);
    expect(() => render({ host: "Grafana UI" })).toThrow(UserError);
  });

  it("GIVEN a values override THEN sibling defaults are kept", () => {
    const values = releaseValues(render({ values: { persistence: { size: "10Gi" } } }));
    expect(values.persistence).toEqual({ enabled: true, type: "pvc", storageClassName: "ceph-block", size: "10Gi" });
    expect(values.serviceMonitor).toEqual({ enabled: true });
  });
});
