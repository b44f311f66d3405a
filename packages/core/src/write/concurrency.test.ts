import { spawn } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import type { GeneratedFile } from "../files/index.js";
import { scratchDirs } from "../testing/scratch.js";
import { LOCK_FILE, WORK_DIR } from "./paths.js";
import { generated, readTree } from "./testing/tree.js";
import { writeTree } from "./write-tree.js";

const here = dirname(fileURLToPath(import.meta.url));
const childScript = join(here, "testing", "crash-child.ts");
const packageRoot = join(here, "..", "..");
const scratch = scratchDirs("k8s-gitops-concurrency-");
afterAll(() => scratch.cleanup());

const RUNS = 4;

/** Run `run`'s output, as from a different inventory: shared paths with its own content, and paths only it produces. */
function outputOf(run: number): GeneratedFile[] {
  const files: Record<string, string> = {};
  for (let index = 0; index < 150; index++) files[`kubernetes/apps/app-${index}/ks.yaml`] = `run: ${run}\nindex: ${index}\n`;
  for (let index = 0; index < 40; index++) files[`talos/run-${run}/node-${index}.yaml`] = `node: ${index}\n`;
  return generated(files);
}

function runChild(outDir: string, run: number): Promise<{ code: number | null; stderr: string }> {
  const specPath = join(dirname(outDir), `run-${run}.spec.json`);
  writeFileSync(specPath, JSON.stringify({ outDir, files: outputOf(run) }));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", childScript, specPath], {
      cwd: packageRoot,
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr }));
  });
}

describe("concurrent runs on one output directory", () => {
  it(`GIVEN ${RUNS} runs with different outputs started at once WHEN all end THEN the tree is exactly one run's output and none failed`, async () => {
    const expected = await Promise.all(
      Array.from({ length: RUNS }, async (_, run) => {
        const reference = join(scratch.make(), "generated");
        await writeTree(outputOf(run), { outDir: reference });
        return readTree(reference);
      }),
    );
    const outDir = join(scratch.make(), "generated");
    // An existing tree, so every run also changes and prunes files.
    await writeTree(outputOf(RUNS), { outDir });

    const outcomes = await Promise.all(Array.from({ length: RUNS }, (_, run) => runChild(outDir, run)));

    // Each run waits for the lock (default wait 120 s), so all of them succeed, one after another.
    expect(outcomes.map((outcome) => [outcome.code, outcome.stderr])).toEqual(outcomes.map(() => [0, ""]));
    const tree = await readTree(outDir);
    const matching = expected.filter((candidate) => JSON.stringify([...candidate]) === JSON.stringify([...tree]));
    expect(matching).toHaveLength(1);
    expect(existsSync(join(outDir, WORK_DIR))).toBe(false);
    expect(existsSync(join(outDir, LOCK_FILE))).toBe(false);
  });
});
