import { execFileSync } from "node:child_process";
import {
  lstatSync,
  readdirSync,
  readFileSync,
  renameSync,
  symlinkSync,
  truncateSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { userErrorMessage } from "../testing/rejection.js";
import { scratchDirs, writeFileMap } from "../testing/scratch.js";
import { checkTree } from "./check-tree.js";
import { MAX_OUTPUT_FILE_BYTES } from "./contain.js";
import { JOURNAL_FILE, MANIFEST_FILE, STAGING_DIR, WORK_DIR } from "./paths.js";
import { generated, readTree } from "./testing/tree.js";
import { recoverInterruptedWrite, writeTree } from "./write-tree.js";

// End to end: links (file and directory, relative and absolute), a FIFO, a device, a tampered
// manifest and journal are planted in an output dir; generate, --check and the journal replay
// must refuse them, and a canary directory outside must show that no byte there was read
// (atime), written (content, size, mtime) or deleted (listing).

const scratch = scratchDirs("k8s-gitops-contain-");
const OLD = new Date("2000-01-01T00:00:00Z");
const LATER = new Date("2001-02-03T04:05:06Z");
const SECRET = "canary-secret-line\n";

let root: string;
let outDir: string;
let canary: string;
/** Whether this file system records reads in atime (relatime does when atime < mtime). */
let atimeRecordsReads = false;

/** lstat of every entry below `dir`, without reading any file: what a read, write or delete would change. */
function canaryState(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .sort()
    .map((path) => {
      const stats = lstatSync(join(dir, path));
      const atime = stats.isDirectory() ? "" : ` atime=${stats.atimeMs}`;
      return `${path} size=${stats.size} mtime=${stats.mtimeMs} ino=${stats.ino}${atime}`;
    });
}

function plantCanary(dir: string): void {
  writeFileMap(dir, { "victim.yaml": SECRET, "assets/x.yaml": SECRET, "assets/y.yaml": SECRET, "apps/ks.yaml": SECRET });
  for (const path of readdirSync(dir, { recursive: true, encoding: "utf8" })) utimesSync(join(dir, path), OLD, LATER);
}

beforeAll(() => {
  const probe = scratch.withFiles({ "probe.txt": "probe\n" });
  utimesSync(join(probe, "probe.txt"), OLD, LATER);
  readFileSync(join(probe, "probe.txt"));
  atimeRecordsReads = lstatSync(join(probe, "probe.txt")).atimeMs !== OLD.getTime();
});

let before: string[];
beforeEach(async () => {
  root = scratch.make();
  outDir = join(root, "generated");
  canary = join(root, "outside");
  plantCanary(canary);
  await writeTree(generated({ "kubernetes/ks.yaml": "kind: Kustomization\n", "docs/index.md": "# docs\n" }), { outDir });
  before = canaryState(canary);
});
afterEach(() => {
  // THEN, whatever the case: nothing outside the output dir was read, written or deleted.
  expect(canaryState(canary)).toEqual(before);
  for (const path of ["victim.yaml", "assets/x.yaml", "assets/y.yaml", "apps/ks.yaml"]) {
    expect(readFileSync(join(canary, path), "utf8")).toBe(SECRET);
  }
});
afterAll(() => scratch.cleanup());

/** The refusal's message, which never quotes a byte of the canary. */
async function refusal(promise: Promise<unknown>): Promise<string> {
  const message = await userErrorMessage(promise);
  expect(message).not.toContain(SECRET.trim());
  return message;
}

function addToManifest(paths: readonly string[]): void {
  const manifestPath = join(outDir, MANIFEST_FILE);
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { files: Record<string, string> };
  for (const path of paths) manifest.files[path] = "shared";
  writeFileSync(manifestPath, JSON.stringify(manifest));
}

const next = generated({ "kubernetes/ks.yaml": "kind: Kustomization\n", "docs/index.md": "# docs v2\n" });

describe("containment of generate, --check and the journal replay", () => {
  it("GIVEN the canary THEN reading a file is visible in its state (the proof below can fail)", () => {
    if (atimeRecordsReads) {
      readFileSync(join(canary, "victim.yaml"));
      expect(canaryState(canary)).not.toEqual(before);
      utimesSync(join(canary, "victim.yaml"), OLD, LATER);
    }
    writeFileSync(join(canary, "assets/x.yaml"), SECRET);
    expect(canaryState(canary)).not.toEqual(before);
    utimesSync(join(canary, "assets/x.yaml"), OLD, LATER);
    expect(canaryState(canary)).toEqual(before);
  });

  it("GIVEN a committed absolute directory link plus manifest entries below it WHEN generating THEN nothing is pruned through it", async () => {
    symlinkSync(join(canary, "assets"), join(outDir, "docs/assets"));
    addToManifest(["docs/assets/x.yaml", "docs/assets/y.yaml"]);
    const tree = await readTree(outDir).catch(() => undefined);

    const message = await refusal(writeTree(next, { outDir }));

    expect(message).toContain('"docs/assets" is a symbolic link to');
    expect(await readTree(outDir).catch(() => undefined)).toEqual(tree);
    await refusal(checkTree(next, { outDir }));
  });

  it("GIVEN a relative directory link on a produced path WHEN generating or checking THEN nothing is written or read through it", async () => {
    symlinkSync("../outside/apps", join(outDir, "kubernetes/apps"));
    const files = [...next, ...generated({ "kubernetes/apps/ks.yaml": "new\n", "kubernetes/apps/extra.yaml": "x\n" })];

    expect(await refusal(writeTree(files, { outDir }))).toContain('"kubernetes/apps" is a symbolic link to "../outside/apps"');
    expect(await refusal(checkTree(files, { outDir }))).toContain('"kubernetes/apps" is a symbolic link');
  });

  it("GIVEN file links (absolute and relative) to files outside at produced paths WHEN checking or generating THEN neither is read or written", async () => {
    symlinkSync(join(canary, "victim.yaml"), join(outDir, "docs/victim.yaml"));
    symlinkSync("../../outside/apps/ks.yaml", join(outDir, "kubernetes/apps.yaml"));
    const files = [...next, ...generated({ "docs/victim.yaml": "generated\n", "kubernetes/apps.yaml": "generated\n" })];

    for (const run of [() => checkTree(files, { outDir }), () => writeTree(files, { outDir })]) {
      const message = await refusal(run());
      expect(message).toContain(`"docs/victim.yaml" is a symbolic link to ${JSON.stringify(join(canary, "victim.yaml"))}`);
      expect(message).toContain('"kubernetes/apps.yaml" is a symbolic link to "../../outside/apps/ks.yaml"');
    }
  });

  it("GIVEN a link to /dev/zero and a FIFO at produced paths WHEN generating and checking THEN both fail at once, naming each", async () => {
    symlinkSync("/dev/zero", join(outDir, "docs/zero.md"));
    execFileSync("mkfifo", [join(outDir, "docs/pipe.md")]);
    const files = [...next, ...generated({ "docs/zero.md": "z\n", "docs/pipe.md": "p\n" })];

    for (const run of [() => writeTree(files, { outDir }), () => checkTree(files, { outDir })]) {
      const message = await refusal(run());
      expect(message).toContain('"docs/zero.md" is a symbolic link to "/dev/zero"');
      expect(message).toContain('"docs/pipe.md" is a FIFO (named pipe)');
    }
  });

  it("GIVEN a stale owned FIFO WHEN generating THEN it is neither opened nor deleted", async () => {
    execFileSync("mkfifo", [join(outDir, "docs/old.pipe")]);
    addToManifest(["docs/old.pipe"]);

    expect(await refusal(writeTree(next, { outDir }))).toContain('"docs/old.pipe" is a FIFO (named pipe)');
    expect(lstatSync(join(outDir, "docs/old.pipe")).isFIFO()).toBe(true);
  });

  it("GIVEN the manifest is a link to a file outside WHEN checking or generating THEN it is not read", async () => {
    const manifest = join(outDir, MANIFEST_FILE);
    writeFileSync(join(canary, "manifest.json"), readFileSync(manifest));
    utimesSync(join(canary, "manifest.json"), OLD, LATER);
    before = canaryState(canary);
    unlinkSync(manifest);
    symlinkSync(join(canary, "manifest.json"), manifest);

    expect(await refusal(checkTree(next, { outDir }))).toContain(`"${MANIFEST_FILE}" is a symbolic link to`);
    expect(await refusal(writeTree(next, { outDir }))).toContain(`"${MANIFEST_FILE}" is a symbolic link to`);
  });

  it("GIVEN a generated file larger than the limit WHEN checking THEN it is refused unread", async () => {
    writeFileSync(join(outDir, "docs/index.md"), "");
    truncateSync(join(outDir, "docs/index.md"), MAX_OUTPUT_FILE_BYTES + 1);

    expect(await refusal(checkTree(next, { outDir }))).toMatch(/"docs\/index\.md" .* is 67108865 bytes, more than/);
  });

  it("GIVEN a hand-written journal whose staging dir links outside WHEN replaying THEN no outside file is moved in", async () => {
    writeFileMap(outDir, {
      [JOURNAL_FILE]: JSON.stringify({ version: 1, renames: ["victim.yaml"], deletions: [], manifest: null }),
    });
    symlinkSync(canary, join(outDir, STAGING_DIR));

    expect(await refusal(recoverInterruptedWrite(outDir))).toContain(`"${STAGING_DIR}" is a symbolic link to`);
    expect(await refusal(writeTree(next, { outDir }))).toContain(`"${STAGING_DIR}" is a symbolic link to`);
  });

  it("GIVEN a hand-written journal deleting through a directory link WHEN replaying THEN nothing is deleted", async () => {
    symlinkSync("../outside", join(outDir, "docs/link"));
    writeFileMap(outDir, {
      [JOURNAL_FILE]: JSON.stringify({ version: 1, renames: [], deletions: ["docs/link/victim.yaml"], manifest: null }),
    });

    expect(await refusal(recoverInterruptedWrite(outDir))).toContain('"docs/link" is a symbolic link to "../outside"');
  });

  it("GIVEN the work dir itself is a link WHEN generating, checking or replaying THEN all three refuse", async () => {
    symlinkSync(canary, join(outDir, WORK_DIR));

    expect(await refusal(recoverInterruptedWrite(outDir))).toContain(`"${WORK_DIR}" is a symbolic link`);
    expect(await refusal(writeTree(next, { outDir }))).toContain(`"${WORK_DIR}" is a symbolic link`);
    expect(await refusal(checkTree(next, { outDir }))).toContain(`"${WORK_DIR}" is a symbolic link`);
  });

  it("GIVEN a folder swapped for a link after planning WHEN the committed write applies THEN it refuses, and finishes once the folder is back", async () => {
    const onStep = (step: string): void => {
      if (step !== "write journal") return;
      renameSync(join(outDir, "docs"), join(root, "docs-aside"));
      symlinkSync(join(canary, "assets"), join(outDir, "docs"));
    };

    expect(await refusal(writeTree(next, { outDir, onStep }))).toContain('"docs" is a symbolic link to');
    expect(await refusal(recoverInterruptedWrite(outDir))).toContain('"docs" is a symbolic link to');

    unlinkSync(join(outDir, "docs"));
    renameSync(join(root, "docs-aside"), join(outDir, "docs"));
    expect(await recoverInterruptedWrite(outDir)).toBe("rolled-forward");
    expect((await readTree(outDir)).get("docs/index.md")).toBe("# docs v2\n");
  });

  it("GIVEN the output dir is itself a link WHEN generating THEN it refuses and names the link", async () => {
    const linked = join(root, "linked-out");
    symlinkSync(canary, linked);

    expect(await refusal(writeTree(next, { outDir: linked }))).toContain(`output directory ${linked} is a symbolic link`);
  });
});
