/**
 * vitest `setupFiles` entry of the per-file test result cache (see `cache.ts`): runs in each test
 * worker before every test file. It wraps the reads of `node:fs` and `node:fs/promises` and the
 * process spawns of `node:child_process` once per worker, and after each file writes what the worker
 * read so far for the reporter in the main process.
 *
 * With `isolate: false` a worker keeps one module graph for many files, so a module can read a file
 * (at import time, or into a memo) while one test file runs and hand the result to a later one. The
 * recording is therefore cumulative per worker: every file is keyed on everything its worker read
 * up to its end, never only on its own reads.
 */
import { createHash } from "node:crypto";
import childProcess from "node:child_process";
import fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";
import { join } from "node:path";
import { afterAll } from "vitest";
import { createRecorder, type Recorder } from "./recorder.js";

const cacheDir = process.env.K8S_GITOPS_TEST_CACHE_DIR;
const runId = process.env.K8S_GITOPS_TEST_CACHE_RUN;
const recorderKey = Symbol.for("k8s-gitops.test-result-cache.recorder");
const scope = globalThis as { [recorderKey]?: Recorder };

if (cacheDir !== undefined && runId !== undefined) {
  let recorder = scope[recorderKey];
  if (recorder === undefined) {
    recorder = createRecorder(fs, childProcess);
    scope[recorderKey] = recorder;
    // The ESM named exports of builtins (`import { readFileSync } from "node:fs"`) follow the
    // patched CommonJS objects only after this call (Node's documented way to update them).
    syncBuiltinESMExports();
  }
  const active = recorder;
  // vitest passes the file's suite as the second argument; a first parameter would be parsed as a fixture.
  afterAll(function writeReads() {
    // biome-ignore lint/complexity/noArguments: the only way to reach the suite without declaring a fixture parameter
    const suite = arguments[1] as unknown;
    const file = (suite as { file?: { filepath?: string }; filepath?: string }).file?.filepath ?? (suite as { filepath?: string }).filepath;
    if (file === undefined) return;
    const pending = join(cacheDir, "pending");
    active.original.mkdirSync(pending, { recursive: true });
    const name = createHash("sha256").update(file).digest("hex");
    active.original.writeFileSync(join(pending, `${name}.json`), JSON.stringify({ runId, file, reads: [...active.reads].sort(), tainted: [...active.tainted] }));
  });
}
