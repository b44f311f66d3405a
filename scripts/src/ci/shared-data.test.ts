import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { findRepoRoot, schemaRootCandidates } from "@k8s-gitops/core/schemas";
import { scratchDirs } from "@k8s-gitops/core/testing";
import { afterEach, describe, expect, it } from "vitest";
import { sharedDataDigest, sharedDataLocations } from "./shared-data.mjs";

const scratch = scratchDirs("k8s-gitops-shared-digest-");
afterEach(() => scratch.cleanup());

const repoRoot = findRepoRoot(import.meta.dirname) ?? "";

describe("sharedDataLocations", () => {
  it.each([
    ["the default environment", {}],
    ["K8S_GITOPS_SCHEMAS_DIR and XDG_CACHE_HOME", { K8S_GITOPS_SCHEMAS_DIR: "/opt/schemas", XDG_CACHE_HOME: "/var/cache/me" }],
  ])("GIVEN %s THEN every schema root resolveSchemaRoot may pick is hashed", (_label, env) => {
    const hashed = sharedDataLocations(repoRoot, env, "/home/me").map((l) => l.path);
    const candidates = schemaRootCandidates({ env, cwd: repoRoot, moduleDir: repoRoot, homeDir: "/home/me" });
    expect(hashed).toEqual(expect.arrayContaining(candidates));
    expect(hashed).toContain(join(repoRoot, "..", "shared", "charts"));
  });
});

describe("sharedDataDigest", () => {
  const folder = () => scratch.withFiles({ "helm/a/values.schema.json": "{}", "crds/flux/x.yaml": "kind: CRD\n", "cilium/cilium-1.0.0.tgz": "tgz" });

  it("GIVEN a file rewritten with the same bytes THEN the digest is unchanged (content counts, not mtime)", () => {
    const dir = folder();
    const before = sharedDataDigest([{ label: "x", path: dir }]);
    writeFileSync(join(dir, "helm/a/values.schema.json"), "{}");
    expect(sharedDataDigest([{ label: "x", path: dir }])).toBe(before);
  });

  it.each([
    ["a file is deleted", (dir: string) => rmSync(join(dir, "cilium/cilium-1.0.0.tgz"))],
    ["a file changes", (dir: string) => writeFileSync(join(dir, "helm/a/values.schema.json"), '{"type":"object"}')],
    ["a file is added", (dir: string) => writeFileSync(join(dir, "helm/a/extra.json"), "{}")],
    ["the folder is deleted", (dir: string) => rmSync(dir, { recursive: true })],
  ])("GIVEN a shared folder WHEN %s THEN the digest changes", (_label, change) => {
    const dir = folder();
    const before = sharedDataDigest([{ label: "x", path: dir }]);
    change(dir);
    expect(sharedDataDigest([{ label: "x", path: dir }])).not.toBe(before);
  });
});
