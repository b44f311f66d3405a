import { clusterScope } from "@k8s-gitops/core";
import { clusterDomain, kubePrismPort, storageClassNames } from "@k8s-gitops/core/conventions";
import { committedOutput, documentsOfKind } from "@k8s-gitops/core/testing";
import { parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";

// The estate's output as committed in generated/, which `pnpm generate --check` proves is the render
// of the current sources: this file imports no component, so the result cache replays it until the
// output (or a convention in core) changes.
const estate = committedOutput();

const ofCluster = (cluster: string) => estate.files.filter((f) => f.scope === clusterScope(cluster));

describe("platform conventions in the rendered estate", () => {
  it("GIVEN each cluster THEN every conventional StorageClass exists and every object naming one names an existing class", () => {
    for (const cluster of estate.clusters) {
      const files = ofCluster(cluster);
      const classes = new Set(documentsOfKind(files, "StorageClass").map((sc) => sc.metadata.name));
      for (const name of Object.values(storageClassNames)) expect(classes, `${cluster}: StorageClass ${name}`).toContain(name);
      const named = [...new Set(files.flatMap((f) => [...f.content.matchAll(/storageClass(?:Name)?: "?([a-z0-9-]+)"?$/gm)].map((m) => m[1]!)))];
      for (const name of named) expect(classes, `${cluster}: a manifest names StorageClass ${name}`).toContain(name);
    }
  });

  it("GIVEN each cluster THEN Talos serves KubePrism on the port Cilium reaches the API server on", () => {
    for (const cluster of estate.clusters) {
      const talos = estate.files.find((f) => f.path === `talos/${cluster}/cluster.yaml`);
      expect(talos, `talos/${cluster}/cluster.yaml`).toBeDefined();
      const machine = parseAllDocuments(talos!.content).map((d) => d.toJS()).find((d) => d?.machine?.features?.kubePrism);
      expect(machine.machine.features.kubePrism).toEqual({ enabled: true, port: kubePrismPort });
      const cilium = documentsOfKind(ofCluster(cluster), "HelmRelease").find((r) => r.metadata.name === "cilium");
      expect(cilium.spec.values.k8sServiceHost).toBe("localhost");
      expect(cilium.spec.values.k8sServicePort).toBe(kubePrismPort);
    }
  });

  it("GIVEN the FluxInstance THEN it uses the conventional cluster domain", () => {
    const instance = documentsOfKind(ofCluster("infra"), "HelmRelease").find((r) => r.metadata.name === "flux-instance");
    expect(JSON.stringify(instance.spec.values)).toContain(`"domain":"${clusterDomain}"`);
  });
});
