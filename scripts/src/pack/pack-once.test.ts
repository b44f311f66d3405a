import { describe, expect, it } from "vitest";
import { packPublicPackagesOnce, type PackedPackages } from "./pack.js";

const fakePacked = (destination: string): PackedPackages => ({ tarballs: new Map([["core", `${destination}/core.tgz`]]), manifests: new Map(), entries: new Map() });

describe("packing once per process", () => {
  it("GIVEN two tarball tests in one worker WHEN both ask for the packed packages THEN the packages are packed once and both get the same tarballs", async () => {
    const calls: string[] = [];
    const pack = async (root: string, destination: string) => {
      calls.push(root);
      return fakePacked(destination);
    };
    const first = await packPublicPackagesOnce("/repo-once-a", pack);
    const second = await packPublicPackagesOnce("/repo-once-a", pack);
    expect(second).toBe(first);
    expect(calls).toEqual(["/repo-once-a"]);
    await packPublicPackagesOnce("/repo-once-b", pack);
    expect(calls).toEqual(["/repo-once-a", "/repo-once-b"]);
  });

  it("GIVEN a packing that fails THEN the failure is not kept: the next caller packs again", async () => {
    let attempts = 0;
    const pack = async (_root: string, destination: string) => {
      attempts += 1;
      if (attempts === 1) throw new Error("pnpm pack failed");
      return fakePacked(destination);
    };
    await expect(packPublicPackagesOnce("/repo-once-c", pack)).rejects.toThrow("pnpm pack failed");
    await expect(packPublicPackagesOnce("/repo-once-c", pack)).resolves.toBeDefined();
    expect(attempts).toBe(2);
  });
});
