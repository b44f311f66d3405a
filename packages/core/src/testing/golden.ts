import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { createTwoFilesPatch } from "diff";
import type { GeneratedFile } from "../files/index.js";

const update = (): boolean => process.env.UPDATE_GOLDEN === "1";

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split("\\").join("/"))
    .sort();
}

/**
 * Compares rendered files byte for byte with the golden copies in `dir`. With `UPDATE_GOLDEN=1`
 * the golden folder is rewritten instead. Returns a readable description of every difference
 * (empty when identical), so a test can `expect(matchGolden(...)).toBe("")` and show the diff.
 */
export function matchGolden(dir: string, files: readonly Pick<GeneratedFile, "path" | "content">[]): string {
  if (update()) {
    rmSync(dir, { recursive: true, force: true });
    for (const file of files) {
      mkdirSync(dirname(join(dir, file.path)), { recursive: true });
      writeFileSync(join(dir, file.path), file.content);
    }
    return "";
  }
  const expected = new Set(listFiles(dir));
  const problems: string[] = [];
  for (const file of files) {
    if (!expected.has(file.path)) {
      problems.push(`new file not in golden set: ${file.path} (run with UPDATE_GOLDEN=1 to accept)`);
      continue;
    }
    expected.delete(file.path);
    const golden = readFileSync(join(dir, file.path), "utf8");
    if (golden !== file.content) problems.push(createTwoFilesPatch(`golden/${file.path}`, `rendered/${file.path}`, golden, file.content, "", "", { context: 2 }));
  }
  for (const missing of expected) problems.push(`golden file no longer rendered: ${missing}`);
  return problems.join("\n");
}
