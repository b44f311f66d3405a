import { loadInventories, renderEstate } from "@k8s-gitops/clusters";
import { hasKubectl, materialize, schemasAvailable } from "@k8s-gitops/core/testing";
import { describe, expect, it } from "vitest";
import { kustomizationDirs, kustomizeFailures, plainSecretFiles, schemaFailures, talosFailures } from "./tree.js";

const estate = renderEstate(await loadInventories());

describe("the rendered estate", () => {
  it("GIVEN two renders THEN they are byte-identical", async () => {
    const again = renderEstate(await loadInventories());
    expect(again.files).toEqual(estate.files);
  });

  it.skipIf(!hasKubectl() && !process.env.CI)("GIVEN every folder with a kustomization.yaml THEN kubectl kustomize builds it", async () => {
    const { dir, cleanup } = materialize(estate.files);
    try {
      const dirs = kustomizationDirs(estate.files);
      expect(dirs).toContain("kubernetes/clusters/infra");
      expect(dirs).toContain("kubernetes/clusters/apps");
      expect(await kustomizeFailures(dir, dirs)).toEqual([]);
    } finally {
      cleanup();
    }
  }, 300_000);

  it.skipIf(!schemasAvailable() && !process.env.CI)("GIVEN every Kubernetes document THEN it passes strict schema validation", () => {
    expect(schemaFailures([...estate.files])).toEqual([]);
  });

  it.skipIf(!schemasAvailable() && !process.env.CI)("GIVEN the Talos patches THEN every document validates against the Talos schema of its version", () => {
    expect(estate.files.filter((f) => f.path.startsWith("talos/")).length).toBeGreaterThanOrEqual(2 + 6);
    expect(talosFailures([...estate.files])).toEqual([]);
  });

  it("GIVEN the whole output THEN no Secret carries plain data", () => {
    expect(plainSecretFiles([...estate.files])).toEqual([]);
  });

  it("GIVEN a planted plain Secret THEN the scanner finds it", () => {
    const planted = { path: "kubernetes/x/secret.yaml", content: "apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\nstringData:\n  token: hunter2\n", scope: "" };
    expect(plainSecretFiles([planted])).toEqual(["kubernetes/x/secret.yaml: Secret x holds plain secret data (stringData.token)"]);
  });
});
