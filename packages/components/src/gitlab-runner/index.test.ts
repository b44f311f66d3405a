import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { renderCluster, UserError, type GeneratedFile } from "@k8s-gitops/core";
import { hasHelmSchema } from "@k8s-gitops/core/schemas";
import { fixtureContext, kubectlRequired, kustomizeFailuresOf, matchGolden, strictProblems } from "@k8s-gitops/core/testing";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { chart, gitlabRunner, runnerConfigToml, runnerVersion, type GitlabRunnerProps } from "./index.js";

const here = dirname(fileURLToPath(import.meta.url));
const render = (cluster: "infra" | "apps" = "apps", props: GitlabRunnerProps = {}): GeneratedFile[] =>
  renderCluster({ name: cluster, components: [gitlabRunner(fixtureContext(cluster), props)] });
const doc = (files: GeneratedFile[], suffix: string) => parse(files.find((f) => f.path.endsWith(suffix))!.content);
const values = (props: GitlabRunnerProps = {}) => doc(render("apps", props), "/app/helmrelease.yaml").spec.values;

describe("gitlabRunner", () => {
  it("GIVEN the apps inventory THEN the render matches the golden files", () => {
    expect(matchGolden(join(here, "__golden__", "apps"), render())).toBe("");
  });

  it("GIVEN the default render THEN every document passes strict schema validation", () => {
    expect(strictProblems(render())).toEqual([]);
  });

  it("GIVEN the schema root THEN it holds no values schema for this chart version, so the values are not schema-checked", () => {
    // When a schema is added to ../shared/schemas/helm, this fails as a reminder to validate the values against it.
    expect(hasHelmSchema(chart.name, chart.version)).toBe(false);
  });

  it.runIf(kubectlRequired())("GIVEN the render THEN every kustomization builds with kubectl kustomize", () => {
    expect(kustomizeFailuresOf(render())).toEqual([]);
  });

  it("GIVEN no gitlabUrl THEN it is the GitLab host under each cluster's external domain", () => {
    for (const cluster of ["infra", "apps"] as const) {
      const external = fixtureContext(cluster).inventory.cluster.domains.external;
      expect(doc(render(cluster), "/app/helmrelease.yaml").spec.values.gitlabUrl).toBe(`https://gitlab.${external}`);
    }
  });

  it("GIVEN the token Secret THEN the chart reads it by name and it holds the authentication token and an empty registration token", () => {
    const files = render();
    const secret = doc(files, "/app/externalsecret.yaml");
    expect(values().runners.secret).toBe(secret.spec.target.name);
    expect(secret.spec.target.template.data).toEqual({ "runner-token": "{{ .token }}", "runner-registration-token": "" });
    expect(secret.spec.data).toEqual([{ secretKey: "token", remoteRef: { key: "gitlab-runner", property: "runner-token" } }]);
  });

  it("GIVEN the defaults THEN job pods run unprivileged in the release namespace with the helper image of the pinned runner version", () => {
    const config = values().runners.config as string;
    expect(config).toMatch(/^\[\[runners\]\]\n {2}\[runners\.kubernetes\]\n/);
    expect(config).toContain('    namespace = "{{.Release.Namespace}}"\n');
    expect(config).toContain("    privileged = false\n");
    expect(config).toContain(`gitlab-runner-helper:x86_64-${runnerVersion}"`);
  });

  it("GIVEN kubernetes overrides THEN they replace single keys and the other defaults stay", () => {
    const config = values({ kubernetes: { memory_limit: "8Gi", image: "debian:13" } }).runners.config as string;
    expect(config).toContain('    memory_limit = "8Gi"\n');
    expect(config).toContain('    image = "debian:13"\n');
    expect(config).toContain('    cpu_limit = "2"\n');
  });

  it("GIVEN a values override THEN sibling defaults are kept", () => {
    const v = values({ values: { metrics: { serviceMonitor: { enabled: false } } } });
    expect(v.metrics).toEqual({ enabled: true, serviceMonitor: { enabled: false } });
    expect(v.rbac).toEqual({ create: true });
  });

  it("GIVEN a bad URL, zero concurrency or privileged jobs THEN a UserError names each", () => {
    const bad = () => gitlabRunner(fixtureContext("apps"), { gitlabUrl: "gitlab.example.net", concurrent: 0, kubernetes: { privileged: true } });
    expect(bad).toThrow(UserError);
    expect(bad).toThrow(/gitlabUrl must be an http\(s\) URL, got "gitlab.example.net"/);
    expect(bad).toThrow(/concurrent must be a whole number of at least 1, got 0/);
    expect(bad).toThrow(/kubernetes.privileged must stay false/);
  });
});

describe("runnerConfigToml", () => {
  it("GIVEN strings with quotes and backslashes THEN they are escaped as TOML basic strings, and keys are sorted", () => {
    expect(runnerConfigToml({ b: 'say "hi" \\o/', a: 1, c: true })).toBe('[[runners]]\n  [runners.kubernetes]\n    a = 1\n    b = "say \\"hi\\" \\\\o/"\n    c = true\n');
  });
});
