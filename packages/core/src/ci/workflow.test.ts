import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { actionlint, formatActionlint } from "../testing/actionlint.js";
import { scratchDirs } from "../testing/scratch.js";
import { validationWorkflow } from "./index.js";

const props = {
  clusters: ["infra", "apps"],
  kubernetesVersion: "1.34.1",
  crdSchemaLocations: ["https://example.test/catalog/0123abc/{{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json"],
  skipKinds: ["KeycloakRealmImport"],
};

interface Step {
  readonly name?: string;
  readonly run?: string;
  readonly uses?: string;
}

function workflowOf(p = props) {
  return parse(validationWorkflow(p).content) as {
    on: Record<string, unknown>;
    jobs: { kubeconform: { env: Record<string, string>; strategy: { matrix: { include: { name: string; areas: string }[] } }; steps: Step[] } };
  };
}

const scratch = scratchDirs("k8s-gitops-ci-");
afterEach(scratch.cleanup);
const tree = (files: Record<string, string>): string => scratch.withFiles(files);

/**
 * Runs the workflow's validation step with bash, with `kustomize` and `kubeconform` replaced by
 * stubs: kustomize prints the directory's manifests, kubeconform logs its arguments and the
 * documents it read and fails on a document of kind Broken.
 */
function runValidateStep(root: string, areas: string) {
  const bin = join(root, ".bin");
  mkdirSync(bin);
  writeFileSync(join(bin, "kustomize"), '#!/usr/bin/env bash\n[ "$1" = build ] || exit 9\ncat "$2"/*.yaml | grep -v "^resources:" || true\n');
  writeFileSync(
    join(bin, "kubeconform"),
    '#!/usr/bin/env bash\necho "args: $*" >> "$LOG"\ninput=$(cat)\necho "$input" >> "$LOG"\n! grep -q "kind: Broken" <<< "$input"\n',
  );
  for (const stub of ["kustomize", "kubeconform"]) chmodSync(join(bin, stub), 0o755);
  const step = workflowOf().jobs.kubeconform.steps.find((s) => s.name === "Build and validate")!;
  const log = join(root, "log.txt");
  writeFileSync(log, "");
  const result = spawnSync("bash", ["-c", step.run!], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, AREAS: areas, LOG: log },
  });
  return { status: result.status, stdout: result.stdout, log: readFileSync(log, "utf8") };
}

describe("validationWorkflow", () => {
  it("GIVEN two clusters THEN there is one matrix entry per cluster plus the shared bases, in a stable order", () => {
    const include = workflowOf().jobs.kubeconform.strategy.matrix.include;
    expect(include).toEqual([
      { name: "apps", areas: "kubernetes/clusters/apps kubernetes/infrastructure/apps kubernetes/workloads/apps" },
      { name: "infra", areas: "kubernetes/clusters/infra kubernetes/infrastructure/infra kubernetes/workloads/infra" },
      { name: "shared", areas: "kubernetes/bases" },
    ]);
    expect(validationWorkflow(props).content).toBe(validationWorkflow({ ...props, clusters: ["apps", "infra"] }).content);
  });

  it("GIVEN the workflow THEN actionlint finds nothing to report (keys, expressions, matrix, runner, action inputs)", async () => {
    const path = ".github/workflows/validate.yaml";
    expect(formatActionlint(path, await actionlint(validationWorkflow(props).content, path))).toEqual([]);
  });

  it("GIVEN a workflow with a misspelt matrix field and job key THEN actionlint reports both, so the check above is live", async () => {
    const broken = validationWorkflow(props).content.replace("matrix.areas", "matrix.area").replace("runs-on:", "runs-onn:");
    const problems = await actionlint(broken, "broken.yaml");
    const messages = problems.map((p) => `${p.kind}: ${p.message}`);
    expect(messages).toContainEqual(expect.stringMatching(/^expression: property "area" is not defined/));
    expect(messages).toContainEqual(expect.stringMatching(/^syntax-check: unexpected key "runs-onn"/));
  });

  it("GIVEN the workflow THEN it runs on pull requests and pushes to main with read-only permissions", () => {
    const workflow = workflowOf();
    expect(Object.keys(workflow.on).sort()).toEqual(["pull_request", "push", "workflow_dispatch"]);
    expect(validationWorkflow(props).content).toContain("permissions:\n  contents: read\n");
  });

  it("GIVEN a tree THEN every kustomization of the areas is built and validated strictly, Components skipped", () => {
    const root = tree({
      "kubernetes/clusters/infra/kustomization.yaml": "kind: Kustomization\nresources:\n",
      "kubernetes/clusters/infra/flux.yaml": "kind: FluxThing\n",
      "kubernetes/infrastructure/infra/cilium/kustomization.yaml": "kind: Kustomization\n",
      "kubernetes/infrastructure/infra/cilium/app.yaml": "kind: HelmRelease\n",
      "kubernetes/components/policy/kustomization.yaml": "kind: Component\n",
      "kubernetes/infrastructure/infra/mixin/kustomization.yaml": "kind: Component\n",
    });
    const result = runValidateStep(root, "kubernetes/clusters/infra kubernetes/infrastructure/infra kubernetes/workloads/infra");
    expect(result.status).toBe(0);
    expect(result.log).toContain("kind: FluxThing");
    expect(result.log).toContain("kind: HelmRelease");
    expect(result.log).not.toMatch(/kind: Component/);
    const args = result.log.split("\n").filter((line) => line.startsWith("args: "));
    expect(args).toHaveLength(2);
    expect(args[0]).toBe(
      "args: -strict -summary -kubernetes-version 1.34.1 -schema-location default -schema-location " +
        "https://example.test/catalog/0123abc/{{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json -skip KeycloakRealmImport -",
    );
  });

  it("GIVEN one kustomization whose documents fail validation THEN the step fails, names it and still checks the rest", () => {
    const root = tree({
      "kubernetes/workloads/apps/a/kustomization.yaml": "kind: Kustomization\n",
      "kubernetes/workloads/apps/a/x.yaml": "kind: Broken\n",
      "kubernetes/workloads/apps/b/kustomization.yaml": "kind: Kustomization\n",
      "kubernetes/workloads/apps/b/y.yaml": "kind: Fine\n",
    });
    const result = runValidateStep(root, "kubernetes/workloads/apps");
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("::error file=kubernetes/workloads/apps/a/kustomization.yaml::kustomize build or kubeconform failed for kubernetes/workloads/apps/a");
    expect(result.log).toContain("kind: Fine");
  });
});
