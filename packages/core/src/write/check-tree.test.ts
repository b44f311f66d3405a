import { rm } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkTree } from "./check-tree.js";
import { JOURNAL_FILE } from "./paths.js";
import { generated, makeTempDir, removeDir, snapshot, writeFiles } from "./testing/tree.js";
import { writeTree } from "./write-tree.js";

const deployment = (replicas: number): string =>
  [
    "apiVersion: v1",
    "kind: Namespace",
    "metadata:",
    "  name: apps",
    "---",
    "apiVersion: apps/v1",
    "kind: Deployment",
    "metadata:",
    "  name: web",
    "  namespace: apps",
    "  labels:",
    "    app.kubernetes.io/name: web",
    "spec:",
    `  replicas: ${replicas}`,
    "",
  ].join("\n");

const baseline = {
  "apps/web.yaml": deployment(1),
  "apps/ks.yaml": "kind: Kustomization\nresources:\n  - web.yaml\n",
  "notes.txt": "line 1\nline 2\nline 3\n",
};

let outDir: string;
beforeEach(async () => {
  outDir = await makeTempDir();
  await writeTree(generated(baseline), { outDir });
  await writeFiles(outDir, { "README.md": "hand-written\n" });
});
afterEach(async () => {
  await removeDir(outDir);
});

/** Runs a check and proves it left every file, directory and mtime as it was. */
async function checkWithoutWriting(files: ReturnType<typeof generated>, scopes?: string[]) {
  const before = await snapshot(outDir);
  const result = await checkTree(files, { outDir, scopes });
  expect(await snapshot(outDir)).toEqual(before);
  return result;
}

describe("checkTree", () => {
  it("GIVEN an up-to-date tree WHEN checking THEN it is ok and says so", async () => {
    const result = await checkWithoutWriting(generated(baseline));
    expect(result).toMatchObject({ ok: true, added: [], changed: [], removed: [], manifestChanged: false });
    expect(result.report).toContain("up to date");
  });

  it("GIVEN a one-byte change in a multi-document YAML file WHEN checking THEN the resource and field are named", async () => {
    const result = await checkWithoutWriting(generated({ ...baseline, "apps/web.yaml": deployment(2) }));

    expect(result.ok).toBe(false);
    expect(result.changed).toEqual(["apps/web.yaml"]);
    expect(result.report).toContain("changed: apps/web.yaml");
    expect(result.report).toContain("Deployment apps/web [apps/v1]:");
    expect(result.report).toContain("spec.replicas: 1 -> 2");
    expect(result.report).not.toContain("Namespace");
  });

  it("GIVEN resources added to and removed from a YAML file WHEN checking THEN both are reported", async () => {
    const changed = `${deployment(1).replace("kind: Namespace", "kind: ConfigMap")}---\nkind: Secret\nmetadata:\n  name: s\n`;
    const result = await checkWithoutWriting(generated({ ...baseline, "apps/web.yaml": changed }));
    expect(result.report).toContain("+ resource added: ConfigMap apps [v1]");
    expect(result.report).toContain("+ resource added: Secret s");
    expect(result.report).toContain("- resource removed: Namespace apps [v1]");
  });

  it("GIVEN a changed non-YAML file WHEN checking THEN a unified diff shows the lines", async () => {
    const result = await checkWithoutWriting(generated({ ...baseline, "notes.txt": "line 1\nline two\nline 3\n" }));
    expect(result.report).toMatch(/@@ -1,3 \+1,3 @@\n\s+ line 1\n\s+-line 2\n\s+\+line two\n/);
  });

  it("GIVEN YAML that no longer parses WHEN checking THEN it falls back to a unified diff", async () => {
    const result = await checkWithoutWriting(generated({ ...baseline, "apps/ks.yaml": "kind: [unclosed\n" }));
    expect(result.report).toContain("+kind: [unclosed");
  });

  it("GIVEN an owned file deleted by hand WHEN checking THEN it is reported missing", async () => {
    await rm(join(outDir, "notes.txt"));
    const result = await checkWithoutWriting(generated(baseline));
    expect(result).toMatchObject({ ok: false, added: ["notes.txt"], missing: ["notes.txt"], changed: [] });
    expect(result.report).toContain("missing: notes.txt");
  });

  it("GIVEN a file no longer produced WHEN checking THEN it would be removed, but only in the checked scopes", async () => {
    const { "notes.txt": _dropped, ...rest } = baseline;

    const all = await checkWithoutWriting(generated(rest));
    expect(all).toMatchObject({ ok: false, removed: ["notes.txt"], manifestChanged: true });
    expect(all.report).toContain("removed: notes.txt");

    const otherScope = await checkWithoutWriting(generated(rest), ["cluster:apps"]);
    expect(otherScope).toMatchObject({ ok: true, removed: [] });
  });

  it("GIVEN a YAML change touching many fields WHEN checking THEN the lines per file are capped", async () => {
    const many = (value: number): string =>
      `kind: ConfigMap\nmetadata:\n  name: c\ndata:\n${Array.from({ length: 40 }, (_, i) => `  k${i}: "${value}"`).join("\n")}\n`;
    await writeTree(generated({ ...baseline, "apps/cm.yaml": many(1) }), { outDir });

    const result = await checkTree(generated({ ...baseline, "apps/cm.yaml": many(2) }), {
      outDir,
      reportLimits: { maxLinesPerFile: 10, maxValueLength: 80 },
    });

    const fieldLines = result.report.split("\n").filter((line) => /data\.k\d+:/.test(line));
    expect(fieldLines).toHaveLength(9);
    // 41 detail lines (resource header + 40 fields), 10 shown.
    expect(result.report).toContain(`... ${41 - 10} more lines omitted`);
  });

  it("GIVEN a long changed value WHEN checking THEN it is truncated", async () => {
    const long = "x".repeat(500);
    const result = await checkWithoutWriting(
      generated({ ...baseline, "apps/web.yaml": deployment(1).replace("app.kubernetes.io/name: web", `app.kubernetes.io/name: ${long}`) }),
    );
    expect(result.report).toContain('metadata.labels["app.kubernetes.io/name"]: "web" -> "xxx');
    expect(result.report).not.toContain(long);
  });

  it("GIVEN a committed journal of an interrupted write WHEN checking THEN it reports that and touches nothing", async () => {
    await writeFiles(outDir, { [JOURNAL_FILE]: JSON.stringify({ version: 1, renames: [], deletions: [], manifest: null }) });
    const result = await checkWithoutWriting(generated(baseline));
    expect(result).toMatchObject({ ok: false, interrupted: true });
    expect(result.report).toContain("interrupted");
  });

  it("GIVEN an unowned file at a produced path WHEN checking THEN it fails like a write would", async () => {
    await expect(checkTree(generated({ ...baseline, "README.md": "generated\n" }), { outDir })).rejects.toThrow(
      /"README\.md".*refusing to overwrite/,
    );
  });
});
