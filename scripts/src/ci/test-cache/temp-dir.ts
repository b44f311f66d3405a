// Loaded by vitest.shared.ts in every package's vitest (as the result cache is), so it is among
// the inputs of every test task.
import { accessSync, constants, lstatSync, mkdirSync, statfsSync } from "node:fs";
import { join } from "node:path";

/** `statfs` type of a tmpfs (linux/magic.h TMPFS_MAGIC). */
const tmpfsMagic = 0x01021994;
/** Free room a memory temp folder needs: the tarball tests install five packages and their dependencies there. */
const memoryTempMinFree = 2 * 1024 ** 3;

/**
 * The folder the tests' scratch files go to: `<shm>/k8s-gitops-tests-<uid>` when `shm` (Linux's
 * `/dev/shm`) is a tmpfs with 2 GiB free, else `undefined` (the system's temp folder stays). The
 * estate tests write the whole generated tree several times (785 files, the writer fsyncs each):
 * on the 2-core VM's disk that is 1.2 to 1.6 s of kernel time per tree, on tmpfs 0.1 s. A `TMPDIR`
 * the user set is kept, and so is the system's temp folder with `K8S_GITOPS_TEST_TMPDIR=system`.
 * The folder must be a directory this user owns (`/dev/shm` is shared by every user).
 */
export function memoryTempDir(env: NodeJS.ProcessEnv = process.env, shm = "/dev/shm", statfs: (path: string) => { type: number; bavail: number; bsize: number } = statfsSync): string | undefined {
  if (env["TMPDIR"] || env["K8S_GITOPS_TEST_TMPDIR"] === "system" || process.getuid === undefined) return undefined;
  try {
    const fs = statfs(shm);
    if (fs.type !== tmpfsMagic || fs.bavail * fs.bsize < memoryTempMinFree) return undefined;
    const dir = join(shm, `k8s-gitops-tests-${process.getuid()}`);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stat = lstatSync(dir);
    if (!stat.isDirectory() || stat.uid !== process.getuid()) return undefined;
    accessSync(dir, constants.W_OK);
    return dir;
  } catch {
    return undefined;
  }
}
