import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { exists } from "./disk.js";
import { COMMIT_STEP } from "./journal.js";
import { JOURNAL_FILE, STAGING_DIR, WORK_DIR } from "./paths.js";
import { generated, listDirs, makeTempDir, readTree, removeDir, writeFiles } from "./testing/tree.js";
import { recoverInterruptedWrite, writeTree } from "./write-tree.js";

// In-process complement to the kill -9 tests: aborting by throwing from the step hook is cheap,
// so it can also interrupt the recovery itself at every step.
class Abort extends Error {}

function abortAt(target: number): (step: string) => void {
  let index = 0;
  return () => {
    if (index++ === target) throw new Abort(`abort at ${target}`);
  };
}

// GIVEN a change that replaces a stale file by a directory and a stale directory by a file.
const oldFiles = generated({ "swap": "file\n", "dir/inner.yaml": "inner\n", "a/x.yaml": "x1\n", "gone/y.yaml": "y\n" });
const newFiles = generated({ "swap/now-dir.yaml": "d\n", "dir": "now a file\n", "a/x.yaml": "x2\n", "b/z.yaml": "z\n" });

let root: string;
let oldTree: Map<string, string>;
let newTree: Map<string, string>;
let steps: string[];
let newDirs: string[];

beforeEach(async () => {
  root = await makeTempDir();
  await writeTree(oldFiles, { outDir: join(root, "ref") });
  await writeFiles(join(root, "ref"), { "gone/KEEP.md": "unowned\n" });
  oldTree = await readTree(join(root, "ref"));
  steps = [];
  await writeTree(newFiles, { outDir: join(root, "ref"), onStep: (step) => steps.push(step) });
  newTree = await readTree(join(root, "ref"));
  newDirs = await listDirs(join(root, "ref"));
});
afterEach(async () => {
  await removeDir(root);
});

async function oldTreeAt(name: string): Promise<string> {
  const outDir = join(root, name);
  await writeTree(oldFiles, { outDir });
  await writeFiles(outDir, { "gone/KEEP.md": "unowned\n" });
  return outDir;
}

describe("journal and recovery", () => {
  it("GIVEN the reference write THEN a stale file became a directory and vice versa, the unowned file's dir stayed", () => {
    expect(newTree.get("swap/now-dir.yaml")).toBe("d\n");
    expect(newTree.get("dir")).toBe("now a file\n");
    expect(newDirs).toEqual(["a", "b", "gone", "swap"]);
  });

  it("GIVEN a write aborted at any step WHEN it fails THEN the old tree is intact before the commit point", async () => {
    const commitIndex = steps.indexOf(COMMIT_STEP);
    expect(commitIndex).toBeGreaterThan(0);
    for (let index = 0; index <= commitIndex; index++) {
      const outDir = await oldTreeAt(`pre-${index}`);
      await expect(writeTree(newFiles, { outDir, onStep: abortAt(index) })).rejects.toBeInstanceOf(Abort);
      expect(await readTree(outDir), steps[index]).toEqual(oldTree);
      // THEN the failed write cleaned its staging up itself.
      expect(await exists(join(outDir, WORK_DIR)), steps[index]).toBe(false);
    }
  });

  it("GIVEN a write aborted after the commit point AND recovery aborted at any step THEN recovering again yields the new tree", async () => {
    const commitIndex = steps.indexOf(COMMIT_STEP);
    for (let index = commitIndex + 1; index < steps.length; index++) {
      const outDir = await oldTreeAt(`post-${index}`);
      await expect(writeTree(newFiles, { outDir, onStep: abortAt(index) })).rejects.toBeInstanceOf(Abort);
      // The journal is the first thing the cleanup removes; until then the write is replayable.
      const journalRemoved = index > steps.indexOf("remove journal");
      expect(await exists(join(outDir, JOURNAL_FILE)), steps[index]).toBe(!journalRemoved);

      // Interrupt the recovery at each of its steps in turn; every replay must stay valid.
      for (let recoveryStep = 0; ; recoveryStep++) {
        const aborted = await recoverInterruptedWrite(outDir, { onStep: abortAt(recoveryStep) }).then(
          () => false,
          (error: unknown) => {
            if (error instanceof Abort) return true;
            throw error;
          },
        );
        if (!aborted) break;
      }
      expect(await readTree(outDir), steps[index]).toEqual(newTree);
      expect(await listDirs(outDir)).toEqual(newDirs);
      expect(await recoverInterruptedWrite(outDir)).toBe("none");
    }
  });

  it("GIVEN only a staging dir (crash before commit) WHEN recovering THEN it is discarded and the tree kept", async () => {
    const outDir = await oldTreeAt("staging-only");
    await writeFiles(join(outDir, STAGING_DIR), { "a/x.yaml": "half-written" });

    expect(await recoverInterruptedWrite(outDir)).toBe("discarded-staging");

    expect(await exists(join(outDir, WORK_DIR))).toBe(false);
    expect(await readTree(outDir)).toEqual(oldTree);
  });

  it("GIVEN a journal naming a path outside the output WHEN recovering THEN it refuses", async () => {
    const outDir = await oldTreeAt("tampered");
    await writeFiles(outDir, {
      [JOURNAL_FILE]: JSON.stringify({ version: 1, renames: [], deletions: ["../../victim"], manifest: null }),
    });
    await expect(recoverInterruptedWrite(outDir)).rejects.toThrow(/deletions\[0\]: "\.\.\/\.\.\/victim"/);
  });
});
