import { chmodSync, mkdirSync, statSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { scratchDirs } from "@k8s-gitops/core/testing";
import { afterEach, describe, expect, it } from "vitest";
import { memoryTempDir } from "./temp-dir.js";

const scratch = scratchDirs("k8s-gitops-memory-temp-");
afterEach(scratch.cleanup);

const gib = 1024 ** 3;
const tmpfs = (free: number) => () => ({ type: 0x01021994, bavail: free / 4096, bsize: 4096 });
const ext4 = () => ({ type: 0xef53, bavail: (100 * gib) / 4096, bsize: 4096 });
const uid = process.getuid?.() ?? -1;

describe("the tests' temp folder", () => {
  it("GIVEN a tmpfs with room THEN the tests write below it, in a folder only this user can enter", () => {
    const shm = scratch.make();
    const dir = memoryTempDir({}, shm, tmpfs(8 * gib));
    expect(dir).toBe(join(shm, `k8s-gitops-tests-${uid}`));
    expect(statSync(dir!).mode & 0o777).toBe(0o700);
    expect(memoryTempDir({}, shm, tmpfs(8 * gib)), "a second package's config finds the same folder").toBe(dir);
  });

  it.each([
    ["a disk, not a tmpfs", {}, ext4],
    ["a tmpfs with less than 2 GiB free (a container's 64 MiB /dev/shm)", {}, tmpfs(64 * 1024 ** 2)],
    ["a TMPDIR the user set", { TMPDIR: "/var/tmp" }, tmpfs(8 * gib)],
    ["K8S_GITOPS_TEST_TMPDIR=system", { K8S_GITOPS_TEST_TMPDIR: "system" }, tmpfs(8 * gib)],
  ])("GIVEN %s THEN the system's temp folder stays", (_label, env, statfs) => {
    expect(memoryTempDir(env, scratch.make(), statfs)).toBeUndefined();
  });

  it("GIVEN no such folder THEN the system's temp folder stays", () => {
    expect(memoryTempDir({}, join(scratch.make(), "missing"))).toBeUndefined();
  });

  it("GIVEN the folder's name taken by a link (another user's trap in the shared /dev/shm) or an unwritable folder THEN the system's temp folder stays", () => {
    const shm = scratch.make();
    const elsewhere = scratch.make();
    symlinkSync(elsewhere, join(shm, `k8s-gitops-tests-${uid}`));
    expect(memoryTempDir({}, shm, tmpfs(8 * gib))).toBeUndefined();

    const locked = scratch.make();
    mkdirSync(join(locked, `k8s-gitops-tests-${uid}`), { mode: 0o500 });
    chmodSync(join(locked, `k8s-gitops-tests-${uid}`), 0o500);
    if (uid !== 0) expect(memoryTempDir({}, locked, tmpfs(8 * gib))).toBeUndefined();
  });
});
