import { buildClusters, loadInventories, renderClusters } from "@k8s-gitops/clusters";
import { parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { cdk8sSynth, documentsOf, projectEmit } from "./compare.js";

describe("the cdk8s comparison", () => {
  it("GIVEN the reference estate's objects THEN cdk8s and the project both emit every one of them, with the same kinds and names (cdk8s adds names to nameless objects)", async () => {
    const files = renderClusters(buildClusters(await loadInventories())).files;
    const objects = documentsOf(files)
      .map((f) => ({ path: f.path, documents: f.documents.filter((d) => typeof d["apiVersion"] === "string" && typeof d["kind"] === "string") }))
      .filter((f) => f.documents.length > 0);
    const identity = (docs: unknown[]) =>
      docs.map((d) => {
        const o = d as { kind: string; metadata?: { name?: string; namespace?: string } };
        return `${o.kind}/${o.metadata?.namespace ?? ""}/${o.metadata?.name ?? ""}`;
      });
    const input = identity(objects.flatMap((f) => f.documents));
    expect(input.length).toBeGreaterThan(300);
    // cdk8s names every object, also kustomize's nameless Kustomization files; names it invented are left out.
    const invented = new Set(input.flatMap((id, i) => (id.endsWith("/") ? [i] : [])));
    const fromCdk8s = identity(parseAllDocuments(cdk8sSynth(objects)).map((d) => d.toJS())).map((id, i) => (invented.has(i) ? id.replace(/[^/]+$/, "") : id));
    const fromProject = identity(projectEmit(objects).flatMap((text) => parseAllDocuments(text).map((d) => d.toJS())));
    expect(fromCdk8s).toEqual(input);
    expect(fromProject).toEqual(input);
  });
});
