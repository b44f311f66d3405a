import { describe, expect, it } from "vitest";
import { chartTopLevelKeys, leafPaths, undocumentedValuePaths } from "./index.js";
import { apps, build, releaseValues, renderApps } from "./test-support.js";

const everyOption = () => releaseValues(renderApps(build({ railsSecretsItem: "gitlab-rails", ssh: { address: "10.25.13.12" } })));

describe("gitlab values", () => {
  it("GIVEN the default values THEN they set exactly these top-level keys, each one the chart knows", () => {
    const keys = Object.keys(releaseValues(renderApps())).sort();
    expect(keys).toEqual([
      "gitlab",
      "gitlab-runner",
      "global",
      "installCertmanager",
      "nginx-ingress",
      "postgresql",
      "prometheus",
      "redis",
      "registry",
      "shared-secrets",
    ]);
    expect(keys.filter((key) => !chartTopLevelKeys.includes(key))).toEqual([]);
  });

  it("GIVEN every option THEN each value path set is one documented by the chart's values.yaml", () => {
    expect(undocumentedValuePaths(everyOption())).toEqual([]);
  });

  it("GIVEN a misspelled override THEN the path check reports it", () => {
    const values = releaseValues(renderApps(build({ values: { global: { hosts: { gitlab: { nmae: "x" } } } } as never })));
    expect(undocumentedValuePaths(values)).toEqual(["global.hosts.gitlab.nmae"]);
  });

  it("GIVEN the bundled dependencies THEN every one of them is switched off except the shared-secrets job", () => {
    const values = releaseValues(renderApps());
    expect(values).toMatchObject({
      installCertmanager: false,
      "nginx-ingress": { enabled: false },
      prometheus: { install: false },
      postgresql: { install: false },
      redis: { install: false },
      "gitlab-runner": { install: false },
      "shared-secrets": { enabled: true },
    });
    // certmanager-issuer only runs when the ingress or the Gateway API asks for certificates.
    expect(values.global.ingress).toEqual({ enabled: false, configureCertmanager: false });
    expect(values.global.gatewayApi).toEqual({ enabled: false });
    expect(values.global.minio).toEqual({ enabled: false });
  });

  it("GIVEN the default values THEN every monitor the enabled subcharts offer is on", () => {
    const monitors = leafPaths(releaseValues(renderApps())).filter((p) => /\.(serviceMonitor|podMonitor)\.enabled$/.test(p));
    expect(monitors.sort()).toEqual([
      "gitlab.gitaly.metrics.serviceMonitor.enabled",
      "gitlab.gitlab-exporter.metrics.serviceMonitor.enabled",
      "gitlab.gitlab-shell.metrics.serviceMonitor.enabled",
      "gitlab.sidekiq.metrics.podMonitor.enabled",
      "gitlab.webservice.metrics.serviceMonitor.enabled",
      "gitlab.webservice.workhorse.metrics.serviceMonitor.enabled",
      "registry.metrics.serviceMonitor.enabled",
    ]);
  });

  it("GIVEN every bucket GitLab needs THEN the values use each of them, and no other", () => {
    const component = build();
    const values = releaseValues(renderApps(component));
    const appConfig = values.global.appConfig;
    const used = [
      ...Object.values<{ bucket?: string }>(appConfig).flatMap((entry) => (typeof entry?.bucket === "string" ? [entry.bucket] : [])),
      appConfig.backups.tmpBucket,
      values.global.registry.bucket,
    ];
    expect(new Set(used)).toEqual(new Set(component.needs.buckets.map((b) => b.bucket)));
  });

  it("GIVEN the sum of the default memory requests THEN GitLab fits in half of the smallest node, so a drained node's share fits on the other two", () => {
    const values = releaseValues(renderApps());
    const gib = (q: string) => (q.endsWith("Gi") ? Number(q.slice(0, -2)) : Number(q.slice(0, -2)) / 1024);
    const g = values.gitlab;
    const memory =
      g.webservice.minReplicas * (gib(g.webservice.resources.requests.memory) + gib(g.webservice.workhorse.resources.requests.memory)) +
      g.sidekiq.minReplicas * gib(g.sidekiq.resources.requests.memory) +
      gib(g.gitaly.resources.requests.memory) +
      g["gitlab-shell"].minReplicas * gib(g["gitlab-shell"].resources.requests.memory) +
      values.registry.hpa.minReplicas * gib(values.registry.resources.requests.memory);
    const smallestNode = Math.min(...apps.inventory.nodes.map((n) => n.hardware.memoryGiB));
    expect(memory).toBeGreaterThan(4);
    expect(memory).toBeLessThan(smallestNode / 2);
  });
});
