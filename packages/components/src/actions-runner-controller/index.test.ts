import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { renderCluster, UserError, type GeneratedFile } from "@k8s-gitops/core";
import { fixtureContext } from "@k8s-gitops/core/testing";
import { parse, parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { describeChartComponent } from "../testing/chart-contract.js";
import { actionsRunnerController, controllerChart, githubAppKeys, repositoryUrl, scaleSetChart, type ActionsRunnerControllerProps } from "./index.js";

const here = dirname(fileURLToPath(import.meta.url));
const context = fixtureContext("apps");
const render = (props: ActionsRunnerControllerProps = {}): GeneratedFile[] =>
  renderCluster({ name: "apps", components: [actionsRunnerController(context, props)] });
const doc = (files: GeneratedFile[], suffix: string) => parse(files.find((f) => f.path.endsWith(suffix))!.content);
const setValues = (props: ActionsRunnerControllerProps = {}) => doc(render(props), "/runners/helmrelease.yaml").spec.values;

describeChartComponent("actionsRunnerController", {
  dir: here,
  clusters: ["apps"],
  render: () => render(),
  charts: [controllerChart, scaleSetChart].map((chart) => ({
    chart,
    valuesSchema: { none: "a values schema for this ARC chart appeared in ../shared/schemas/helm: validate the values against it" },
  })),
});

describe("actionsRunnerController", () => {
  it("GIVEN the inventory's Git URL THEN the scale set serves that repository and is named after it", () => {
    const files = render();
    const release = doc(files, "/runners/helmrelease.yaml");
    expect(context.inventory.cluster.git.url).toBe("ssh://git@github.com/example/k8s-gitops.git");
    expect(release.metadata.name).toBe("k8s-gitops-runner");
    expect(release.spec.values.githubConfigUrl).toBe("https://github.com/example/k8s-gitops");
    expect(release.spec.chartRef).toEqual({ kind: "OCIRepository", name: "k8s-gitops-runner" });
    expect(doc(files, "/runners/ocirepository.yaml").spec.ref.tag).toBe(controllerChart.version);
  });

  it("GIVEN the scale set THEN it names the controller's ServiceAccount and namespace, and its GitHub App Secret comes from an ExternalSecret", () => {
    const files = render({ namespace: "arc" });
    const controller = doc(files, "/app/helmrelease.yaml").spec.values;
    const values = doc(files, "/runners/helmrelease.yaml").spec.values;
    expect(values.controllerServiceAccount).toEqual({ name: controller.serviceAccount.name, namespace: "arc" });
    const secret = doc(files, "/runners/externalsecret.yaml");
    expect(secret.spec.target.name).toBe(values.githubConfigSecret);
    expect(secret.spec.data.map((d: any) => d.secretKey)).toEqual([...githubAppKeys]);
    expect(files.some((f) => /^kind: Secret$/m.test(f.content))).toBe(false);
  });

  it("GIVEN the defaults THEN jobs run in kubernetes container mode with a work volume on openebs-hostpath", () => {
    expect(setValues().containerMode).toEqual({
      type: "kubernetes",
      kubernetesModeWorkVolumeClaim: { accessModes: ["ReadWriteOnce"], storageClassName: "openebs-hostpath", resources: { requests: { storage: "25Gi" } } },
    });
  });

  it("GIVEN the runners stage THEN it follows the controller stage and waits for the secret store and storage refs", () => {
    const component = actionsRunnerController(context, { secretStore: { name: "onepassword", namespace: "external-secrets", stage: "store" }, storage: { name: "openebs", namespace: "openebs-system" } });
    expect(component.stages.map((s) => s.name)).toEqual(["app", "runners"]);
    expect(component.stages[1]!.dependsOn).toEqual([
      { name: "onepassword", namespace: "external-secrets", stage: "store" },
      { name: "openebs", namespace: "openebs-system" },
    ]);
  });

  it("GIVEN two runner sets THEN each gets its own release, source and Secret", () => {
    const files = render({ runnerSets: [{}, { name: "org-runner", githubConfigUrl: "https://github.com/example", maxRunners: 10, minRunners: 0 }] });
    const releases = parseAllDocuments(files.filter((f) => f.path.includes("/runners/helmrelease")).map((f) => f.content).join("\n")).map((d) => d.toJS());
    expect(releases.filter(Boolean).map((r) => [r.metadata.name, r.spec.values.githubConfigSecret, r.spec.values.maxRunners]).sort()).toEqual([
      ["k8s-gitops-runner", "k8s-gitops-runner-github-app", 3],
      ["org-runner", "org-runner-github-app", 10],
    ]);
  });

  it("GIVEN a values override THEN sibling defaults are kept", () => {
    const values = setValues({ runnerSets: [{ values: { containerMode: { kubernetesModeWorkVolumeClaim: { resources: { requests: { storage: "50Gi" } } } } } }] });
    expect(values.containerMode.kubernetesModeWorkVolumeClaim).toEqual({ accessModes: ["ReadWriteOnce"], storageClassName: "openebs-hostpath", resources: { requests: { storage: "50Gi" } } });
    expect(values.minRunners).toBe(1);
  });

  it("GIVEN min above max, a duplicate name and a renamed controller ServiceAccount THEN one UserError names each", () => {
    const bad = () =>
      actionsRunnerController(context, {
        runnerSets: [{ minRunners: 4, maxRunners: 2 }, { name: "k8s-gitops-runner", githubConfigUrl: "https://github.com/example/k8s-gitops" }],
        values: { serviceAccount: { name: "arc" } },
      });
    expect(bad).toThrow(UserError);
    expect(bad).toThrow(/runnerSets\[0\].maxRunners \(2\) is less than minRunners \(4\)/);
    expect(bad).toThrow(/runner set name "k8s-gitops-runner" is used twice/);
    expect(bad).toThrow(/values.serviceAccount.name must stay "actions-runner-controller"/);
  });
});

describe("repositoryUrl", () => {
  it("GIVEN ssh, scp-like and https clone URLs THEN each gives the https repository URL", () => {
    expect(repositoryUrl("ssh://git@github.com/example/k8s-gitops.git", "t")).toBe("https://github.com/example/k8s-gitops");
    expect(repositoryUrl("ssh://git@github.com:22/example/k8s-gitops", "t")).toBe("https://github.com/example/k8s-gitops");
    expect(repositoryUrl("git@github.com:example/k8s-gitops.git", "t")).toBe("https://github.com/example/k8s-gitops");
    expect(repositoryUrl("https://github.com/example/k8s-gitops/", "t")).toBe("https://github.com/example/k8s-gitops");
  });

  it("GIVEN a URL without owner and repository THEN a UserError quotes it and asks for githubConfigUrl", () => {
    expect(() => repositoryUrl("file:///srv/git/repo", "where")).toThrow(UserError);
    expect(() => repositoryUrl("https://github.com/example", "where")).toThrow('where: cannot derive a repository URL (https://<host>/<owner>/<repo>) from the Git URL "https://github.com/example"; set githubConfigUrl');
  });
});
