import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isUserError } from "../errors/index.js";
import { MANIFEST_FILE, WORK_DIR } from "./paths.js";
import { ageTree, generated, listDirs, makeTempDir, mtimes, readTree, removeDir, writeFiles } from "./testing/tree.js";
import { writeTree } from "./write-tree.js";

let outDir: string;
beforeEach(async () => {
  outDir = await makeTempDir();
});
afterEach(async () => {
  await removeDir(outDir);
});

async function manifestFiles(): Promise<Record<string, string>> {
  return (JSON.parse(await readFile(join(outDir, MANIFEST_FILE), "utf8")) as { files: Record<string, string> }).files;
}

async function expectUserError(promise: Promise<unknown>, ...fragments: string[]): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(isUserError(error), `expected a UserError, got ${String(error)}`).toBe(true);
  for (const fragment of fragments) expect((error as Error).message).toContain(fragment);
}

describe("writeTree", () => {
  it("GIVEN an empty dir WHEN writing THEN every file and a sorted, deterministic manifest appear", async () => {
    const files = [
      { path: "z/last.yaml", content: "z: 1\n", scope: "cluster:infra" },
      { path: "a/first.yaml", content: "a: 1\n", scope: "shared" },
      { path: "10", content: "numeric name\n", scope: "shared" },
    ];
    const result = await writeTree(files, { outDir });
    expect(result).toEqual({ written: ["10", "a/first.yaml", "z/last.yaml"], unchanged: [], removed: [] });
    const tree = await readTree(outDir);
    for (const file of files) expect(tree.get(file.path)).toBe(file.content);
    const manifest = tree.get(MANIFEST_FILE) ?? "";
    expect(manifest.endsWith("}\n")).toBe(true);
    expect(Object.keys(JSON.parse(manifest).files)).toEqual(["10", "a/first.yaml", "z/last.yaml"]);
    expect(manifest.indexOf('"10"')).toBeLessThan(manifest.indexOf('"a/first.yaml"'));
    expect(await listDirs(outDir)).not.toContain(WORK_DIR);
  });

  it("GIVEN the same files in another order WHEN writing into two dirs THEN the trees are byte-identical", async () => {
    const files = generated({ "b.yaml": "b\n", "a/x.yaml": "x\n", "a/y.yaml": "y\n" });
    const other = await makeTempDir();
    try {
      await writeTree(files, { outDir });
      await writeTree([...files].reverse(), { outDir: other });
      expect(await readTree(other)).toEqual(await readTree(outDir));
    } finally {
      await removeDir(other);
    }
  });

  it("GIVEN a written tree with old mtimes WHEN the same files are written again THEN nothing is touched", async () => {
    const files = generated({ "a/x.yaml": "x: 1\n", "b.yaml": "b: 2\n" });
    await writeTree(files, { outDir });
    await ageTree(outDir);
    const before = await mtimes(outDir);
    const tree = await readTree(outDir);

    const result = await writeTree(files, { outDir });

    expect(result).toEqual({ written: [], unchanged: ["a/x.yaml", "b.yaml"], removed: [] });
    expect(await mtimes(outDir)).toEqual(before);
    expect(await readTree(outDir)).toEqual(tree);
  });

  it("GIVEN one changed file WHEN writing THEN only that file (not its unchanged sibling) gets a new mtime", async () => {
    await writeTree(generated({ "a.yaml": "a: 1\n", "b.yaml": "b: 1\n" }), { outDir });
    await ageTree(outDir);
    const before = await mtimes(outDir);

    const result = await writeTree(generated({ "a.yaml": "a: 2\n", "b.yaml": "b: 1\n" }), { outDir });

    expect(result).toEqual({ written: ["a.yaml"], unchanged: ["b.yaml"], removed: [] });
    const after = await mtimes(outDir);
    expect(after.get("b.yaml")).toBe(before.get("b.yaml"));
    expect(after.get(MANIFEST_FILE)).toBe(before.get(MANIFEST_FILE));
    expect(after.get("a.yaml")).not.toBe(before.get("a.yaml"));
    expect(await readFile(join(outDir, "a.yaml"), "utf8")).toBe("a: 2\n");
  });

  it("GIVEN stale owned files and unowned files WHEN writing THEN stale ones go, unowned ones and their dirs stay", async () => {
    await writeTree(
      generated({
        "keep.yaml": "keep\n",
        "old/deep/gone.yaml": "gone\n",
        "old/gone.yaml": "gone\n",
        "notes/gone.yaml": "gone\n",
      }),
      { outDir },
    );
    await writeFiles(outDir, { "README.md": "hand-written\n", "notes/NOTES.md": "mine\n" });

    const result = await writeTree(generated({ "keep.yaml": "keep\n" }), { outDir });

    expect(result.removed).toEqual(["notes/gone.yaml", "old/deep/gone.yaml", "old/gone.yaml"]);
    expect([...(await readTree(outDir)).keys()]).toEqual([MANIFEST_FILE, "README.md", "keep.yaml", "notes/NOTES.md"]);
    expect(await listDirs(outDir)).toEqual(["notes"]);
    expect(await manifestFiles()).toEqual({ "keep.yaml": "shared" });
  });

  it("GIVEN files of two scopes WHEN a partial run owns one scope THEN only that scope is pruned", async () => {
    await writeTree(
      [
        ...generated({ "infra/a.yaml": "a\n", "infra/old.yaml": "old\n" }, "cluster:infra"),
        ...generated({ "apps/b.yaml": "b\n" }, "cluster:apps"),
        ...generated({ "shared/c.yaml": "c\n" }, "shared"),
      ],
      { outDir },
    );

    const result = await writeTree(generated({ "infra/a.yaml": "a2\n" }, "cluster:infra"), {
      outDir,
      scopes: ["cluster:infra"],
    });

    expect(result).toEqual({ written: ["infra/a.yaml"], unchanged: [], removed: ["infra/old.yaml"] });
    const tree = await readTree(outDir);
    expect(tree.get("apps/b.yaml")).toBe("b\n");
    expect(tree.get("shared/c.yaml")).toBe("c\n");
    expect(await manifestFiles()).toEqual({
      "apps/b.yaml": "cluster:apps",
      "infra/a.yaml": "cluster:infra",
      "shared/c.yaml": "shared",
    });
  });

  it("GIVEN a file whose scope changes WHEN writing THEN only the manifest is rewritten", async () => {
    await writeTree(generated({ "a.yaml": "a\n" }, "cluster:infra"), { outDir });
    await ageTree(outDir);
    const before = await mtimes(outDir);

    const result = await writeTree(generated({ "a.yaml": "a\n" }, "shared"), { outDir });

    expect(result).toEqual({ written: [], unchanged: ["a.yaml"], removed: [] });
    expect((await mtimes(outDir)).get("a.yaml")).toBe(before.get("a.yaml"));
    expect(await manifestFiles()).toEqual({ "a.yaml": "shared" });
  });

  it("GIVEN an unowned file at a produced path WHEN writing THEN it fails naming the path and writes nothing", async () => {
    await writeTree(generated({ "owned.yaml": "v1\n" }), { outDir });
    await writeFiles(outDir, { "apps/mine.yaml": "hand-written\n" });
    const tree = await readTree(outDir);

    await expectUserError(
      writeTree(generated({ "owned.yaml": "v2\n", "apps/mine.yaml": "generated\n" }), { outDir }),
      '"apps/mine.yaml"',
      "adopt",
    );

    expect(await readTree(outDir)).toEqual(tree);
    expect(await listDirs(outDir)).toEqual(["apps"]);
  });

  it("GIVEN an unowned file at a produced path WHEN writing with adopt THEN it is overwritten and owned", async () => {
    await writeFiles(outDir, { "apps/mine.yaml": "hand-written\n" });

    const result = await writeTree(generated({ "apps/mine.yaml": "generated\n" }), { outDir, adopt: true });

    expect(result.written).toEqual(["apps/mine.yaml"]);
    expect(await manifestFiles()).toEqual({ "apps/mine.yaml": "shared" });
  });

  it("GIVEN a stale owned file where a new file needs a directory WHEN writing THEN the file becomes a directory", async () => {
    await writeTree(generated({ "apps": "was a file\n", "other/x.yaml": "x\n" }), { outDir });

    await writeTree(generated({ "apps/a.yaml": "a\n", "other": "now a file\n" }), { outDir });

    expect([...(await readTree(outDir)).entries()]).toEqual([
      [MANIFEST_FILE, expect.any(String)],
      ["apps/a.yaml", "a\n"],
      ["other", "now a file\n"],
    ]);
  });

  it("GIVEN a directory holding an unowned file at a produced path WHEN writing THEN it fails naming that file", async () => {
    await writeTree(generated({ "apps/owned.yaml": "owned\n" }), { outDir });
    await writeFiles(outDir, { "apps/mine.md": "mine\n" });
    const tree = await readTree(outDir);

    await expectUserError(writeTree(generated({ apps: "file\n" }), { outDir }), '"apps"', "directory", '"apps/mine.md"');

    expect(await readTree(outDir)).toEqual(tree);
  });

  it("GIVEN an unowned file where a produced path needs a directory WHEN writing THEN it fails naming both", async () => {
    await writeFiles(outDir, { apps: "mine\n" });
    await expectUserError(writeTree(generated({ "apps/a.yaml": "a\n" }), { outDir }), '"apps/a.yaml"', '"apps"');
  });

  it.each([
    ["/etc/passwd", "absolute"],
    ["../escape.yaml", '".."'],
    ["a/../../b.yaml", '".."'],
    ["a\\b.yaml", "backslash"],
    ["a//b.yaml", "empty"],
    [MANIFEST_FILE, "reserved"],
    [`${WORK_DIR}/x`, "reserved"],
  ])("GIVEN the unsafe path %s WHEN writing THEN it fails before touching the disk", async (path, reason) => {
    await expectUserError(writeTree(generated({ [path]: "x\n" }), { outDir }), JSON.stringify(path), reason);
    expect(await readTree(outDir)).toEqual(new Map());
  });

  it("GIVEN a path produced twice or as both file and directory WHEN writing THEN it fails listing both problems", async () => {
    const files = [...generated({ "a.yaml": "1\n", "d": "file\n", "d/x.yaml": "x\n" }), ...generated({ "a.yaml": "2\n" })];
    await expectUserError(writeTree(files, { outDir }), "files[3].path", "produced twice", "files[2].path");
    expect(await readTree(outDir)).toEqual(new Map());
  });

  it("GIVEN a manifest listing an unsafe path WHEN writing THEN it fails instead of deleting outside the output", async () => {
    await writeFiles(outDir, {
      [MANIFEST_FILE]: JSON.stringify({ generator: "k8s-gitops", version: 1, files: { "../victim": "shared" } }),
    });
    await expectUserError(writeTree([], { outDir }), MANIFEST_FILE, 'files["../victim"]');
  });

  it("GIVEN a missing output dir WHEN writing THEN it is created", async () => {
    const nested = join(outDir, "does/not/exist");
    await writeTree(generated({ "a.yaml": "a\n" }), { outDir: nested });
    expect((await stat(join(nested, "a.yaml"))).isFile()).toBe(true);
  });
});
