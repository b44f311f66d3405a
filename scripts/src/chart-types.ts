/**
 * `pnpm chart-types [--check] [--charts DIR]`
 *
 * Generates the TypeScript values type of every pinned chart version from its packaged archive
 * (`DIR/<chart>/<chart>-<version>.tgz`, default `../shared/charts` beside the repository) into
 * packages/components/src/charts/. With `--check` it writes nothing and exits 1 when a generated file
 * is missing, stale (a pin changed without regenerating) or left over.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { isUserError, UserError } from "@k8s-gitops/core/errors";
import { findRepoRoot } from "@k8s-gitops/core/schemas";
import { chartTypesDir, generateChartTypes } from "./chart-types/generate.js";
import { collectPins } from "./chart-types/pins.js";

export const usage = `Usage: pnpm chart-types [--check] [--charts DIR]

Generates ${chartTypesDir}/<chart>/<version>.ts from the pinned chart archives.
  --check        write nothing; exit 1 when the generated files are not current
  --charts DIR   folder with <chart>/<chart>-<version>.tgz (default: ../shared/charts)
`;

/** Every file under the generated folder, relative to the repository root. */
export function existingChartTypeFiles(repoRoot: string): string[] {
  const dir = join(repoRoot, chartTypesDir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(repoRoot.length + 1))
    .sort();
}

/** The differences between the generated files on disk and a fresh generation. */
export function staleChartTypeFiles(repoRoot: string, expected: ReadonlyMap<string, string>): string[] {
  const stale: string[] = [];
  for (const [path, content] of expected) {
    const full = join(repoRoot, path);
    if (!existsSync(full)) stale.push(`missing: ${path}`);
    else if (readFileSync(full, "utf8") !== content) stale.push(`changed: ${path}`);
  }
  for (const path of existingChartTypeFiles(repoRoot)) if (!expected.has(path)) stale.push(`left over: ${path}`);
  return stale;
}

export const defaultChartsDir = (repoRoot: string): string => resolve(repoRoot, "..", "shared", "charts");

async function main(argv: readonly string[]): Promise<number> {
  let check = false;
  let chartsDir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--check") check = true;
    else if (arg === "--charts") {
      const dir = argv[++i];
      if (dir === undefined) throw new UserError(`--charts needs a folder\n${usage}`);
      chartsDir = resolve(dir);
    }
    else if (arg === "--help" || arg === "-h") {
      process.stdout.write(usage);
      return 0;
    } else throw new UserError(`unknown argument ${JSON.stringify(arg)}\n${usage}`);
  }
  const repoRoot = findRepoRoot(process.cwd());
  if (repoRoot === undefined) throw new UserError("run inside the k8s-gitops repository (no pnpm-workspace.yaml found)");
  const pins = await collectPins(repoRoot);
  const { files, skipped } = generateChartTypes(pins, chartsDir ?? defaultChartsDir(repoRoot), repoRoot);
  for (const { pin, reason } of skipped) process.stderr.write(`skipped ${pin.name} ${pin.version}: ${reason}\n`);
  if (check) {
    const stale = staleChartTypeFiles(repoRoot, files);
    if (stale.length > 0) {
      process.stderr.write(`chart value types are not current; run \`pnpm chart-types\`:\n${stale.map((s) => `  ${s}`).join("\n")}\n`);
      return 1;
    }
    process.stdout.write(`chart value types are current (${files.size - 1} charts)\n`);
    return 0;
  }
  for (const path of existingChartTypeFiles(repoRoot)) if (!files.has(path)) rmSync(join(repoRoot, path));
  for (const [path, content] of files) {
    mkdirSync(dirname(join(repoRoot, path)), { recursive: true });
    writeFileSync(join(repoRoot, path), content);
  }
  process.stdout.write(`wrote ${files.size} files under ${chartTypesDir}\n`);
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${isUserError(error) ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
