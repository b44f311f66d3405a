import { describe, expect, it } from "vitest";
import { addResource, canVerify, fluxKustomization, minimalTree, verifyFiles } from "./test-support.js";

const widget = "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  size: 3\n";

/** The minimal tree with a Widget (a kind no schema exists for) in the web app. */
function treeWithWidget(): Record<string, string> {
  const files = minimalTree();
  addResource(files, "kubernetes/apps/demo/web/app", "./widget.yaml");
  files["kubernetes/apps/demo/web/app/widget.yaml"] = widget;
  return files;
}

describe.skipIf(!canVerify())("schema", () => {
  it("GIVEN a Flux Kustomization with spec.intervall THEN the strict schema rejects the unknown field in that file", async () => {
    const files = minimalTree();
    files["kubernetes/apps/demo/web/ks.yaml"] = fluxKustomization("web", "kubernetes/apps/demo/web/app", "  targetNamespace: web\n").replace(
      "interval: 10m",
      "intervall: 10m",
    );
    const { lines } = await verifyFiles(files);
    expect(lines).toEqual([
      'schema: kubernetes/apps/demo/web/ks.yaml: Kustomization flux-system/web: /spec: must NOT have additional properties ("intervall")',
      "schema: kubernetes/apps/demo/web/ks.yaml: Kustomization flux-system/web: /spec: must have required property 'interval'",
    ]);
  });

  it("GIVEN a ConfigMap with a typo in a built-in kind THEN the strict Kubernetes schema rejects it", async () => {
    const files = minimalTree();
    files["kubernetes/apps/demo/web/app/configmap.yaml"] = files["kubernetes/apps/demo/web/app/configmap.yaml"]!.replace("\ndata:", "\ndataa:");
    const { lines } = await verifyFiles(files);
    expect(lines).toEqual(['schema: kubernetes/apps/demo/web/app/configmap.yaml: ConfigMap web-settings: (root): must NOT have additional properties ("dataa")']);
  });

  it("GIVEN a document whose kind has no schema and no allow-list entry THEN it is a problem that says how to allow it", async () => {
    const { lines } = await verifyFiles(treeWithWidget());
    expect(lines).toEqual([
      "schema: kubernetes/apps/demo/web/app/widget.yaml: Widget w: no schema for example.com/v1 Widget; fix the apiVersion/kind, or add it with a reason to packages/core/src/schemas/no-schema.ts",
    ]);
  });

  it("GIVEN the kind on the allow-list THEN it passes and is counted with its reason; an unused entry is reported", async () => {
    const allowList = [
      { apiVersion: "example.com/v1", kind: "Widget", reason: "vendor publishes no CRD schema" },
      { apiVersion: "example.com/v1", kind: "Gadget", reason: "gone" },
    ];
    const { report, lines } = await verifyFiles(treeWithWidget(), { allowList });
    expect(lines).toEqual(["allow-list: packages/core/src/schemas/no-schema.ts: example.com/v1 Gadget matches no document; remove the entry"]);
    expect([...report.counts.withoutSchema]).toEqual([["example.com/v1 Widget", { count: 1, reason: "vendor publishes no CRD schema" }]]);
  });
});
