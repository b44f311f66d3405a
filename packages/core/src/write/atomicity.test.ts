import { spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GeneratedFile } from "../files/index.js";
import { COMMIT_STEP } from "./journal.js";
import { exists } from "./disk.js";
import { WORK_DIR } from "./paths.js";
import { forEachLimited } from "./pool.js";
import { generated, listDirs, makeTempDir, readTree, removeDir, writeFiles } from "./testing/tree.js";
import { recoverInterruptedWrite, writeTree } from "./write-tree.js";

const here = dirname(fileURLToPath(import.meta.url));
const childScript = join(here, "testing", "crash-child.ts");
const packageRoot = join(here, "..", "..");

interface ChildOutcome {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the crash child; `onReady` fires when it is about to start writing. */
async function runChild(
  spec: { outDir: string; files: readonly GeneratedFile[]; killAt?: number },
  onReady?: (kill: () => void) => void,
): Promise<ChildOutcome> {
  const specPath = join(dirname(spec.outDir), `${spec.outDir.split("/").pop()}.spec.json`);
  await writeFile(specPath, JSON.stringify(spec));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", childScript, specPath], {
      cwd: packageRoot,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (onReady !== undefined && stdout.includes("ready\n")) {
        const ready = onReady;
        onReady = undefined;
        ready(() => child.kill("SIGKILL"));
      }
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

// GIVEN an old tree with a changed, an unchanged, a new file in a new dir, stale files in nested
// dirs that pruning empties, and a stale file next to an unowned one.
const oldFiles = [
  ...generated({
    "kubernetes/apps/a/ks.yaml": "kind: Kustomization\nversion: 1\n",
    "kubernetes/apps/b/ks.yaml": "kind: Kustomization\nname: b\n",
    "kubernetes/apps/old/ks.yaml": "old\n",
    "kubernetes/apps/old/app/hr.yaml": "old hr\n",
  }),
  ...generated({ "talos/infra/patch.yaml": "machine: {}\n" }, "cluster:infra"),
];
const newFiles = [
  ...generated({
    "kubernetes/apps/a/ks.yaml": "kind: Kustomization\nversion: 2\n",
    "kubernetes/apps/b/ks.yaml": "kind: Kustomization\nname: b\n",
    "kubernetes/apps/c/ks.yaml": "kind: Kustomization\nname: c\n",
  }),
  ...generated({ "flux/infra/new.yaml": "new\n" }, "cluster:infra"),
];
const unowned = { "README.md": "hand-written\n", "talos/infra/NOTES.md": "mine\n" };

async function makeOldTree(outDir: string): Promise<void> {
  await writeTree(oldFiles, { outDir });
  await writeFiles(outDir, unowned);
}

describe("atomicity under kill -9", () => {
  let root: string;
  let oldTree: Map<string, string>;
  let newTree: Map<string, string>;
  let steps: string[];
  let oldDirs: string[];
  let newDirs: string[];

  beforeAll(async () => {
    root = await makeTempDir("k8s-gitops-crash-");
    const reference = join(root, "reference");
    await makeOldTree(reference);
    oldTree = await readTree(reference);
    oldDirs = await listDirs(reference);
    steps = [];
    await writeTree(newFiles, { outDir: reference, onStep: (step) => steps.push(step) });
    newTree = await readTree(reference);
    newDirs = await listDirs(reference);
  });
  afterAll(async () => {
    await removeDir(root);
  });

  it("GIVEN the reference run THEN it adds, changes, deletes and prunes, with one commit step", () => {
    expect(newTree).not.toEqual(oldTree);
    expect(newDirs).not.toContain("kubernetes/apps/old");
    expect(newDirs).toContain("talos/infra");
    expect(newTree.get("talos/infra/NOTES.md")).toBe("mine\n");
    expect(steps.filter((step) => step === COMMIT_STEP)).toHaveLength(1);
    for (const kind of ["stage ", "delete ", "rmdir ", "mkdir ", "rename "]) {
      expect(steps.some((step) => step.startsWith(kind)), kind).toBe(true);
    }
  });

  it("GIVEN a kill before step N, for every N WHEN recovering THEN the tree is exactly old (before commit) or new", async () => {
    const commitIndex = steps.indexOf(COMMIT_STEP);
    const failures: string[] = [];
    // Two children at a time: the machine has two cores and each child mostly waits on tsx startup.
    await forEachLimited(steps, 2, async (step, index) => {
      const outDir = join(root, `kill-at-${index}`);
      await makeOldTree(outDir);

      const outcome = await runChild({ outDir, files: newFiles, killAt: index });

      const label = `kill at step ${index} (${step})`;
      if (outcome.signal !== "SIGKILL") failures.push(`${label}: child was not killed: ${outcome.stderr}`);
      if (!outcome.stdout.includes(`killed at: ${step}\n`)) failures.push(`${label}: child died at ${outcome.stdout}`);
      const committed = index > commitIndex;
      if (!committed && !equal(await readTree(outDir), oldTree)) failures.push(`${label}: visible tree is not the old one`);
      await recoverInterruptedWrite(outDir);
      if (!equal(await readTree(outDir), committed ? newTree : oldTree)) failures.push(`${label}: recovered tree is wrong`);
      const dirs = (await listDirs(outDir)).join(",");
      if (dirs !== (committed ? newDirs : oldDirs).join(",")) failures.push(`${label}: directories are ${dirs}`);
      if (await exists(join(outDir, WORK_DIR))) failures.push(`${label}: scratch dir left behind`);
      // THEN a later run completes the write from whichever state recovery left.
      await writeTree(newFiles, { outDir });
      if (!equal(await readTree(outDir), newTree)) failures.push(`${label}: rerun did not reach the new tree`);
      await removeDir(outDir);
    });
    expect(failures).toEqual([]);
  });

  it("GIVEN a large write killed at a random moment WHEN recovering THEN the tree is old or new", async () => {
    const count = 1500;
    const big = (version: number, keep: (index: number) => boolean): GeneratedFile[] =>
      Array.from({ length: count }, (_, index) => index)
        .filter(keep)
        .map((index) => ({
          path: `d${index % 30}/f${index}.yaml`,
          content: `index: ${index}\nversion: ${index % 2 === 0 ? version : 1}\n`,
          scope: "shared",
        }));
    const bigOld = big(1, (index) => index < 1300);
    const bigNew = big(2, (index) => index >= 200);
    const reference = join(root, "big-reference");
    await writeTree(bigOld, { outDir: reference });
    const bigOldTree = await readTree(reference);
    const started = performance.now();
    await writeTree(bigNew, { outDir: reference });
    const writeMs = performance.now() - started;
    const bigNewTree = await readTree(reference);
    await removeDir(reference);

    const outcomes: string[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const outDir = join(root, `big-${attempt}`);
      await writeTree(bigOld, { outDir });
      // The delay only picks where the kill lands; the assertions hold wherever that is.
      const delayMs = Math.random() * writeMs;
      const outcome = await runChild({ outDir, files: bigNew }, (kill) => setTimeout(kill, delayMs));
      expect(outcome.signal === "SIGKILL" || outcome.code === 0, outcome.stderr).toBe(true);

      await recoverInterruptedWrite(outDir);

      const tree = await readTree(outDir);
      const isOld = equal(tree, bigOldTree);
      const isNew = equal(tree, bigNewTree);
      expect(isOld || isNew, `attempt ${attempt}: killed after ${delayMs.toFixed(0)} ms`).toBe(true);
      expect(await exists(join(outDir, WORK_DIR))).toBe(false);
      outcomes.push(`${isNew ? "new" : "old"}${outcome.signal === "SIGKILL" ? " (killed)" : " (finished)"}`);
      await removeDir(outDir);
    }
    console.info(`random kills over a ${writeMs.toFixed(0)} ms write gave: ${outcomes.join(", ")}`);
  });
});

function equal(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  return a.size === b.size && [...a].every(([path, content]) => b.get(path) === content);
}
