import { existsSync } from "node:fs";
import { join } from "node:path";
import { resolveSchemaRoot } from "@k8s-gitops/core/schemas";
import { describe, expect, it } from "vitest";
import { ciliumOperatorCrds, type CrdEntry, fluxControllerCrds, fluxOperatorCrds, gatewayApiStandardCrds } from "./catalog.js";
import { manifestCrds } from "./steps.js";

// The recorded CRD lists must name kinds and versions the pinned CRD catalog has a schema for;
// resolveSchemaRoot throws (the test fails, it does not skip) when ../shared/schemas is missing.
const catalogFile = (entry: CrdEntry, version: string): string =>
  join(resolveSchemaRoot(), "crds-catalog", entry.group, `${entry.kind.toLowerCase()}_${version}.json`);

describe("twin catalog", () => {
  it("GIVEN the recorded Gateway API v1.6.1 standard CRDs THEN the CRD catalog has a schema for each kind's first version", () => {
    const entries = gatewayApiStandardCrds["v1.6.1"]!;
    expect(entries.map((e) => e.kind)).toContain("HTTPRoute");
    for (const entry of entries) expect(existsSync(catalogFile(entry, entry.versions[0]!)), `${entry.kind} ${entry.versions[0]}`).toBe(true);
  });

  it("GIVEN the recorded cilium-operator CRDs THEN the CRD catalog has a schema for each", () => {
    for (const entry of ciliumOperatorCrds) expect(existsSync(catalogFile(entry, entry.versions[0]!)), `${entry.kind} ${entry.versions[0]}`).toBe(true);
  });

  it("GIVEN the recorded Flux Operator and Flux controller CRDs THEN the CRD catalog has a schema for each", () => {
    for (const entry of [...fluxOperatorCrds, ...Object.values(fluxControllerCrds).flat()]) {
      expect(existsSync(catalogFile(entry, entry.versions[0]!)), `${entry.kind} ${entry.versions[0]}`).toBe(true);
    }
  });

  it("GIVEN the phase 0 manifest URL of a recorded release THEN its CRDs are known, and an unknown URL is not guessed", () => {
    const crds = manifestCrds("https://github.com/kubernetes-sigs/gateway-api/releases/download/v1.6.1/standard-install.yaml");
    expect(crds).toHaveLength(10);
    expect(crds![1]).toMatchObject({ kind: "CustomResourceDefinition", spec: { group: "gateway.networking.k8s.io", names: { kind: "GatewayClass" }, scope: "Cluster" } });
    expect(manifestCrds("https://github.com/kubernetes-sigs/gateway-api/releases/download/v9.9.9/standard-install.yaml")).toBeUndefined();
  });
});
