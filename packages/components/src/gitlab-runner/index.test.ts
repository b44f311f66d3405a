import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { renderCluster, UserError, type GeneratedFile } from "@k8s-gitops/core";
import { fixtureContext } from "@k8s-gitops/core/testing";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { describeChartComponent } from "../testing/chart-contract.js";
import { chart, gitlabRunner, runnerConfigToml, runnerVersion, type GitlabRunnerProps } from "./index.js";

const here = dirname(fileURLToPath(import.meta.url));
const render = (cluster: "infra" | "apps" = "apps", props: GitlabRunnerProps = {}): GeneratedFile[] =>
  renderCluster({ name: cluster, components: [gitlabRunner(fixtureContext(cluster), props)] });
const doc = (files: GeneratedFile[], suffix: string) => parse(files.find((f) => f.path.endsWith(suffix))!.content);
const values = (props: GitlabRunnerProps = {}) => doc(render("apps", props), "/app/helmrelease.yaml").spec.values;

describeChartComponent("gitlabRunner", {
  dir: here,
  clusters: ["apps"],
  render: (c) => render(c),
  charts: [
    {
      chart,
      valuesSchema: { none: "a values schema for this version appeared in ../shared/schemas/helm: validate the values against it" },
      noArchive: "published from gitlab.com, which the offline chart copies do not reach (../shared/charts/README.md)",
    },
  ],
});

describe("gitlabRunner", () => {
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
