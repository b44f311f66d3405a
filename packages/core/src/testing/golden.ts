import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { createTwoFilesPatch } from "diff";
import { parseAllDocuments } from "yaml";
import type { GeneratedFile } from "../files/index.js";
import { findRepoRoot } from "../schemas/index.js";
import { MANIFEST_FILE } from "../write/paths.js";
import { parseManifest } from "../write/manifest.js";

const update = (): boolean => process.env.UPDATE_GOLDEN === "1";

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split("\\").join("/"))
    .sort();
}

/** Options of {@link matchGolden}. */
export interface GoldenOptions {
  /**
   * A committed tree whose files need no golden copy: a rendered file missing from the golden folder
   * passes when it is byte-identical to the file at the same path here, or, for an aggregate file
   * (`kustomization.yaml`, `namespaces.yaml`), when the committed one holds all it lists. Pass {@link estateOutputDir}
   * for renders of the estate's own configuration: `pnpm generate --check` already guards those
   * bytes, so the golden folder keeps only what the estate's output does not show.
   */
  readonly coveredBy?: string;
}

/** `<repo>/generated`: the estate's committed output, guarded by `pnpm generate --check`. */
export function estateOutputDir(): string {
  const root = findRepoRoot(dirname(fileURLToPath(import.meta.url)));
  if (root === undefined) throw new Error("cannot find the repository root (pnpm-workspace.yaml) above core/testing");
  return join(root, "generated");
}

/**
 * The estate's committed output (`generated/`, or `dir`): every file its manifest owns, with the
 * scope the manifest records, and the clusters those scopes name. `pnpm generate --check` proves it
 * is byte for byte the render of the current sources, so a test of properties of the output can read
 * it instead of rendering the estate: such a test imports no component, and the per-file result
 * cache replays it until the output itself changes.
 */
export function committedOutput(dir: string = estateOutputDir()): { readonly files: GeneratedFile[]; readonly clusters: string[] } {
  const manifestPath = join(dir, MANIFEST_FILE);
  const owned = parseManifest(readFileSync(manifestPath, "utf8"), manifestPath);
  const files = [...owned].map(([path, scope]) => ({ path, scope, content: readFileSync(join(dir, path), "utf8") }));
  const clusters = [...new Set([...owned.values()].filter((scope) => scope.startsWith("cluster:")).map((scope) => scope.slice("cluster:".length)))];
  return { files, clusters };
}

const readIfExists = (path: string): string | undefined => (existsSync(path) ? readFileSync(path, "utf8") : undefined);

/** Files that list what every component of a folder or cluster contributes. */
const aggregateFile = /(^|\/)(kustomization|namespaces)\.yaml$/;

/** `part` is `whole` with some entries left out, in the same order. */
const isSubsequence = (part: readonly unknown[], whole: readonly unknown[]): boolean => {
  let at = 0;
  for (const item of whole) if (at < part.length && isDeepStrictEqual(item, part[at])) at++;
  return at === part.length;
};

/**
 * Whether the estate's copy of an aggregate file holds everything a component's render of it holds:
 * the same header comment; for a kustomize Kustomization the same fields, with `resources` and
 * `components` a subsequence of the estate's; otherwise every document (a Namespace) among the
 * estate's. A component rendered alone lists only itself where the estate lists every component, so
 * such a file adds nothing a golden copy would need to keep.
 */
function containedIn(path: string, rendered: string, committed: string): boolean {
  if (!aggregateFile.test(path) || rendered.split("\n", 1)[0] !== committed.split("\n", 1)[0]) return false;
  const documents = (text: string): unknown[] => parseAllDocuments(text).map((document) => document.toJS() as unknown);
  const mine = documents(rendered);
  const theirs = documents(committed);
  const [own, estate] = [mine[0], theirs[0]] as [Record<string, unknown> | undefined, Record<string, unknown> | undefined];
  if (mine.length === 1 && theirs.length === 1 && own?.["kind"] === "Kustomization" && estate?.["kind"] === "Kustomization") {
    const lists = ["resources", "components"];
    const rest = (doc: Record<string, unknown>) => Object.fromEntries(Object.entries(doc).filter(([key]) => !lists.includes(key)));
    const list = (doc: Record<string, unknown>, key: string): unknown[] => (Array.isArray(doc[key]) ? (doc[key] as unknown[]) : []);
    return isDeepStrictEqual(rest(own), rest(estate)) && lists.every((key) => isSubsequence(list(own, key), list(estate, key)));
  }
  return mine.every((document) => theirs.some((other) => isDeepStrictEqual(document, other)));
}

/**
 * Compares rendered files byte for byte with the golden copies in `dir` (or, for a file without a
 * golden copy, with `options.coveredBy`). With `UPDATE_GOLDEN=1` the golden folder is rewritten
 * instead, holding only the files `coveredBy` does not hold identically. Returns a readable
 * description of every difference (empty when identical), so a test can
 * `expect(matchGolden(...)).toBe("")` and show the diff.
 */
export function matchGolden(dir: string, files: readonly Pick<GeneratedFile, "path" | "content">[], options: GoldenOptions = {}): string {
  const committedCopy = (file: Pick<GeneratedFile, "path" | "content">): string | undefined =>
    options.coveredBy === undefined ? undefined : readIfExists(join(options.coveredBy, file.path));
  const isCovered = (file: Pick<GeneratedFile, "path" | "content">, committed = committedCopy(file)): boolean =>
    committed !== undefined && (committed === file.content || containedIn(file.path, file.content, committed));
  if (update()) {
    rmSync(dir, { recursive: true, force: true });
    for (const file of files) {
      if (isCovered(file)) continue;
      mkdirSync(dirname(join(dir, file.path)), { recursive: true });
      writeFileSync(join(dir, file.path), file.content);
    }
    return "";
  }
  const expected = new Set(listFiles(dir));
  const problems: string[] = [];
  const coverLabel = (path: string): string => `${basename(options.coveredBy ?? "")}/${path}`;
  for (const file of files) {
    const committed = committedCopy(file);
    if (!expected.has(file.path)) {
      if (isCovered(file, committed)) continue;
      problems.push(
        committed === undefined
          ? `new file not in golden set: ${file.path} (run with UPDATE_GOLDEN=1 to accept)`
          : `${file.path} has no golden copy and differs from ${coverLabel(file.path)} ` +
              "(run `pnpm generate` if the estate's output changed, or UPDATE_GOLDEN=1 to keep this render as a golden file)\n" +
              createTwoFilesPatch(coverLabel(file.path), `rendered/${file.path}`, committed, file.content, "", "", { context: 2 }),
      );
      continue;
    }
    expected.delete(file.path);
    const golden = readFileSync(join(dir, file.path), "utf8");
    if (isCovered({ path: file.path, content: golden }, committed)) {
      problems.push(`golden file ${file.path} repeats what ${coverLabel(file.path)} holds: delete it (UPDATE_GOLDEN=1 does)`);
    }
    if (golden !== file.content) problems.push(createTwoFilesPatch(`golden/${file.path}`, `rendered/${file.path}`, golden, file.content, "", "", { context: 2 }));
  }
  for (const missing of expected) problems.push(`golden file no longer rendered: ${missing}`);
  return problems.join("\n");
}
