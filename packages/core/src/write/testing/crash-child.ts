// Child process for the atomicity tests: runs one write and SIGKILLs itself at a chosen step.
// Usage: node --import tsx crash-child.ts <spec.json>
// spec: { outDir, files, scopes?, killAt? }. Without killAt it prints "ready" right before writing
// so the parent can kill it at a random moment of its own choosing.
import { writeSync } from "node:fs";
import { readFile } from "node:fs/promises";
import type { GeneratedFile } from "../../files/index.js";
import { writeTree } from "../write-tree.js";

interface CrashSpec {
  readonly outDir: string;
  readonly files: readonly GeneratedFile[];
  readonly scopes?: readonly string[];
  readonly killAt?: number;
}

const specPath = process.argv[2];
if (specPath === undefined) throw new Error("usage: crash-child.ts <spec.json>");
const spec = JSON.parse(await readFile(specPath, "utf8")) as CrashSpec;

let index = 0;
const onStep =
  spec.killAt === undefined
    ? undefined
    : (step: string): void => {
        if (index++ === spec.killAt) {
          // writeSync: the parent must see the step name even though the process dies right after.
          writeSync(1, `killed at: ${step}\n`);
          process.kill(process.pid, "SIGKILL");
        }
      };

if (spec.killAt === undefined) writeSync(1, "ready\n");
await writeTree(spec.files, { outDir: spec.outDir, scopes: spec.scopes, onStep });
writeSync(1, "done\n");
