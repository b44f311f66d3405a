import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { renderCluster, type GeneratedFile } from "@k8s-gitops/core";
import { estateOutputDir, fixtureContext, kubectlRequired, matchGolden, strictProblems } from "@k8s-gitops/core/testing";
import { parse, parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { crdPath, gatewayApiCrds, gatewayApiCrdsKustomizationName, gatewayApiRelease, gatewayApiSourceName, installManifestUrl } from "./index.js";
import { kustomizeFailures } from "../testing/kustomize.js";

const here = dirname(fileURLToPath(import.meta.url));
const render = (cluster: "infra" | "apps" = "infra", props = {}): GeneratedFile[] =>
  renderCluster({ name: cluster, components: [gatewayApiCrds(fixtureContext(cluster), props)] });
const appDocs = (files: GeneratedFile[]) =>
  files
    .filter((f) => f.path.includes("/gateway-api-crds/app/"))
    .flatMap((f) => parseAllDocuments(f.content).map((d) => d.toJS()))
    .filter((d) => d && d.apiVersion !== "kustomize.config.k8s.io/v1beta1");
const byKind = (files: GeneratedFile[], kind: string) => appDocs(files).find((d) => d.kind === kind);

describe("gatewayApiCrds", () => {
  it("GIVEN the render THEN every file has its own path (a Flux Kustomization must not overwrite the folder's kustomization.yaml)", () => {
    const paths = render().map((f) => f.path);
    expect(paths.filter((p, i) => paths.indexOf(p) !== i)).toEqual([]);
  });

  it("GIVEN the infra inventory THEN the render matches the golden files", () => {
    expect(matchGolden(join(here, "__golden__", "infra"), render("infra"), { coveredBy: estateOutputDir() })).toBe("");
  });

  it("GIVEN both clusters THEN the app folders are identical (the CRDs do not depend on the cluster)", () => {
    // The generated-file header names the cluster; everything below it must be the same.
    const app = (cluster: "infra" | "apps") =>
      render(cluster)
        .filter((f) => f.path.includes("/gateway-api-crds/app/"))
        .map((f) => f.content.split("\n").slice(1).join("\n"));
    expect(app("apps")).toEqual(app("infra"));
  });

  it("GIVEN the render THEN every document passes strict schema validation", () => {
    expect(strictProblems(render())).toEqual([]);
  });

  it.skipIf(!kubectlRequired())("GIVEN the render THEN kubectl kustomize builds every folder", () => {
    expect(kustomizeFailures(render())).toEqual([]);
  });

  it("GIVEN the pin THEN the source checks out only the standard channel of that release tag", () => {
    const source = byKind(render(), "GitRepository");
    expect(source.metadata.name).toBe(gatewayApiSourceName);
    expect(source.spec).toMatchObject({ url: gatewayApiRelease.repository, ref: { tag: gatewayApiRelease.version }, sparseCheckout: ["config/crd/standard"] });
  });

  it("GIVEN the CRD Kustomization THEN it applies that folder from that source, never prunes, and gates the stage's health", () => {
    const files = render();
    const crds = byKind(files, "Kustomization");
    expect(crds.metadata).toEqual({ name: gatewayApiCrdsKustomizationName, namespace: "kube-system" });
    expect(crds.spec).toMatchObject({
      path: `./${crdPath(gatewayApiRelease)}`,
      prune: false,
      wait: true,
      sourceRef: { kind: "GitRepository", name: gatewayApiSourceName, namespace: "kube-system" },
    });
    expect(crds.spec.decryption).toBeUndefined();
    const stage = parse(files.find((f) => f.path.endsWith("/gateway-api-crds/ks.yaml"))!.content);
    expect(stage.spec.healthChecks).toEqual([
      { apiVersion: "kustomize.toolkit.fluxcd.io/v1", kind: "Kustomization", name: gatewayApiCrdsKustomizationName, namespace: "kube-system" },
    ]);
  });

  it("GIVEN another release THEN the source and the bootstrap manifest follow it", () => {
    const release = { ...gatewayApiRelease, version: "v1.7.0" };
    expect(byKind(render("infra", { release }), "GitRepository").spec.ref).toEqual({ tag: "v1.7.0" });
    expect(installManifestUrl(release)).toBe("https://github.com/kubernetes-sigs/gateway-api/releases/download/v1.7.0/standard-install.yaml");
  });
});
