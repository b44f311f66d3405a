import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { scratchDirs } from "@k8s-gitops/core/testing";
import { packedDir, packPublicPackagesOnce, type PackedPackages } from "./pack.js";

const scratch = scratchDirs("k8s-gitops-pack-once-");
afterAll(scratch.cleanup);

const fakePacked = (destination: string): PackedPackages => ({ tarballs: new Map([["core", `${destination}/core.tgz`]]), manifests: new Map(), entries: new Map() });

describe("packing once per process", () => {
  it("GIVEN two tarball tests in one worker WHEN both ask for the packed packages THEN the packages are packed once and both get the same tarballs", async () => {
    const [a, b] = [scratch.make(), scratch.make()];
    const calls: string[] = [];
    const pack = async (root: string, destination: string) => {
      calls.push(root);
      return fakePacked(destination);
    };
    const first = await packPublicPackagesOnce(a, pack);
    const second = await packPublicPackagesOnce(a, pack);
    expect(second).toBe(first);
    expect(calls).toEqual([a]);
    await packPublicPackagesOnce(b, pack);
    expect(calls).toEqual([a, b]);
  });

  it("GIVEN tarballs an earlier run left THEN they are removed before packing, and the tarballs stay inside the repository", async () => {
    const root = scratch.make();
    mkdirSync(packedDir(root), { recursive: true });
    writeFileSync(join(packedDir(root), "stale-0.0.1.tgz"), "old");
    let seen: string[] | undefined;
    const packed = await packPublicPackagesOnce(root, async (_root, destination) => {
      seen = readdirSync(destination);
      writeFileSync(join(destination, "core.tgz"), "new");
      return fakePacked(destination);
    });
    expect(seen).toEqual([]);
    expect(packed.tarballs.get("core")!.startsWith(join(root, "node_modules", ".cache"))).toBe(true);
    expect(existsSync(packed.tarballs.get("core")!)).toBe(true);
  });

  it("GIVEN a packing that fails THEN the failure is not kept: the next caller packs again", async () => {
    const root = scratch.make();
    let attempts = 0;
    const pack = async (_root: string, destination: string) => {
      attempts += 1;
      if (attempts === 1) throw new Error("pnpm pack failed");
      return fakePacked(destination);
    };
    await expect(packPublicPackagesOnce(root, pack)).rejects.toThrow("pnpm pack failed");
    await expect(packPublicPackagesOnce(root, pack)).resolves.toBeDefined();
    expect(attempts).toBe(2);
  });
});
