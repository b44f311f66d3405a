/**
 * `k8s-gitops fetch schemas [--dir DIR] [--only kubernetes,crds-catalog,crds,talos,helm] [--force]`
 *
 * Downloads the upstream JSON schemas that the validators in `@k8s-gitops/core/schemas` read, into
 * the cache (`${XDG_CACHE_HOME:-~/.cache}/k8s-gitops/schemas`) or `--dir`, with the same layout as
 * `../shared/schemas`. Files already present are kept unless `--force` is given.
 */
import { existsSync } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { UserError, showValue } from "@k8s-gitops/core/errors";
import { defaultSchemaCacheDir, extractFromTgz, schemaSets, upstreamFiles } from "@k8s-gitops/core/schemas";
import type { SchemaSet, UpstreamFile } from "@k8s-gitops/core/schemas";

export const usage = `Usage: k8s-gitops fetch schemas [--dir DIR] [--only SET,...] [--force]

Downloads the upstream schemas used for validation (default dir: ${defaultSchemaCacheDir()}).
  --dir DIR      target directory
  --only SETS    comma-separated subset of: ${schemaSets.join(", ")}
  --force        download again even when a file is already present
`;

export interface FetchSchemasArgs {
  readonly dir: string;
  readonly only: readonly SchemaSet[];
  readonly force: boolean;
  readonly help: boolean;
}

/** Parses the command line. @throws UserError on an unknown option or schema set. */
export function parseFetchArgs(argv: readonly string[], defaultDir: string = defaultSchemaCacheDir()): FetchSchemasArgs {
  let dir = defaultDir;
  let only: readonly SchemaSet[] = schemaSets;
  let force = false;
  let help = false;
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] ?? "";
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = (): string => {
      const next = inline ?? argv[++index];
      if (next === undefined || next === "") throw new UserError(`${flag} needs a value\n${usage}`);
      return next;
    };
    if (flag === "--dir") dir = resolve(value());
    else if (flag === "--only") only = parseSets(value());
    else if (flag === "--force") force = true;
    else if (flag === "--help" || flag === "-h") help = true;
    else throw new UserError(`unknown argument ${showValue(arg)}\n${usage}`);
  }
  return { dir, only, force, help };
}

function parseSets(text: string): SchemaSet[] {
  const names = text.split(",").map((name) => name.trim()).filter((name) => name !== "");
  const unknown = names.filter((name) => !(schemaSets as readonly string[]).includes(name));
  if (unknown.length > 0 || names.length === 0) {
    throw new UserError(`--only ${showValue(text)}: unknown schema set(s) ${unknown.map(showValue).join(", ")}; use ${schemaSets.join(", ")}`);
  }
  return names as SchemaSet[];
}

export type FetchFunction = (url: string) => Promise<Pick<Response, "ok" | "status" | "statusText" | "arrayBuffer">>;

export interface FetchSchemasOptions {
  readonly dir: string;
  readonly force?: boolean;
  /** Injected in tests; defaults to the global `fetch`. */
  readonly fetchFn?: FetchFunction;
  readonly concurrency?: number;
}

export interface FetchFailure {
  readonly path: string;
  readonly url: string;
  readonly reason: string;
}

export interface FetchSummary {
  readonly downloaded: readonly string[];
  readonly skipped: readonly string[];
  readonly failed: readonly FetchFailure[];
}

/** Writes through a temporary file and a rename, so an interrupted run never leaves a truncated schema. */
async function writeFileAtomic(path: string, content: Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, content);
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

/** The bytes of a file as stored in the schema root; throws with a short reason on any problem. */
async function download(file: UpstreamFile, fetchFn: FetchFunction, archives: Map<string, Promise<Uint8Array>>): Promise<Uint8Array> {
  const get = async (url: string): Promise<Uint8Array> => {
    const response = await fetchFn(url);
    if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`.trim());
    return new Uint8Array(await response.arrayBuffer());
  };
  let body: Uint8Array;
  if (file.archiveMember === undefined) {
    body = await get(file.url);
  } else {
    // Several files may come from one chart tarball; download it once.
    let archive = archives.get(file.url);
    if (archive === undefined) {
      archive = get(file.url);
      archives.set(file.url, archive);
    }
    const member = extractFromTgz(await archive, file.archiveMember);
    if (member === undefined) throw new Error(`archive has no ${file.archiveMember}`);
    body = member;
  }
  if (file.path.endsWith(".json")) {
    try {
      JSON.parse(Buffer.from(body).toString("utf8"));
    } catch {
      throw new Error("response is not valid JSON");
    }
  }
  return body;
}

/** Node's `fetch` reports network problems as "fetch failed" with the real reason in `cause`. */
function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as Error & { cause?: unknown }).cause;
  return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
}

/** Downloads `files` into `options.dir`; never throws for a single failed file, see `failed`. */
export async function fetchSchemas(files: readonly UpstreamFile[], options: FetchSchemasOptions): Promise<FetchSummary> {
  const fetchFn: FetchFunction = options.fetchFn ?? ((url) => fetch(url));
  const archives = new Map<string, Promise<Uint8Array>>();
  const downloaded: string[] = [];
  const skipped: string[] = [];
  const failed: FetchFailure[] = [];
  const queue = [...files];
  const worker = async (): Promise<void> => {
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
      const target = join(options.dir, file.path);
      if (!options.force && existsSync(target)) {
        skipped.push(file.path);
        continue;
      }
      try {
        await writeFileAtomic(target, await download(file, fetchFn, archives));
        downloaded.push(file.path);
      } catch (error) {
        failed.push({ path: file.path, url: file.url, reason: reasonOf(error) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 8) }, worker));
  const byPath = (a: string, b: string): number => a.localeCompare(b);
  return {
    downloaded: downloaded.sort(byPath),
    skipped: skipped.sort(byPath),
    failed: failed.sort((a, b) => byPath(a.path, b.path)),
  };
}

/** Human summary of a run; failures listed one per line with their URL and reason. */
export function formatSummary(summary: FetchSummary, dir: string): string {
  const lines = [
    `schemas in ${dir}: ${summary.downloaded.length} downloaded, ${summary.skipped.length} already present` +
      (summary.failed.length > 0 ? `, ${summary.failed.length} failed` : ""),
  ];
  for (const failure of summary.failed) lines.push(`  failed ${failure.path}: ${failure.reason} (${failure.url})`);
  return lines.join("\n");
}

/** Runs the command; returns the process exit code (0 ok, 1 download failures, 2 usage error). */
export async function runFetchSchemas(argv: readonly string[], fetchFn?: FetchFunction): Promise<{ exitCode: number; output: string }> {
  const args = parseFetchArgs(argv);
  if (args.help) return { exitCode: 0, output: usage };
  const files = upstreamFiles.filter((file) => args.only.includes(file.set));
  const summary = await fetchSchemas(files, { dir: args.dir, force: args.force, ...(fetchFn === undefined ? {} : { fetchFn }) });
  const output = formatSummary(summary, args.dir);
  if (summary.failed.length > 0) {
    return { exitCode: 1, output: `${output}\nerror: ${summary.failed.length} schema file(s) could not be downloaded; rerun to retry` };
  }
  return { exitCode: 0, output };
}
