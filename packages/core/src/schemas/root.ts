import { existsSync, readdirSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { UserError, showValue } from "../errors/index.js";
import { schemaSets } from "./upstream.js";

/** Environment variable that points at a folder with the upstream schemas (same layout as `../shared/schemas`). */
export const schemasDirEnv = "K8S_GITOPS_SCHEMAS_DIR";

/** Top-level folders of a schema root; a folder holding at least one of them counts as a schema root. */
export const schemaSetDirs: readonly string[] = schemaSets;

/** Options of the Talos and Helm validators. */
export interface SchemaRootOption {
  /** Schema root; defaults to {@link resolveSchemaRoot}. */
  readonly root?: string;
}

/** Inputs of {@link resolveSchemaRoot}; every field defaults to the real process environment. */
export interface SchemaRootOptions {
  /** Explicit root (tests, callers with their own copy); returned as is when it holds schemas. */
  readonly root?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly cwd?: string;
  /** Directory of this module; the repo root is also searched upwards from here. */
  readonly moduleDir?: string;
  readonly homeDir?: string;
}

/** `${XDG_CACHE_HOME:-~/.cache}/k8s-gitops/schemas`: where `k8s-gitops fetch schemas` stores the downloads. */
export function defaultSchemaCacheDir(
  env: Readonly<Record<string, string | undefined>> = process.env,
  homeDir: string = homedir(),
): string {
  const cacheHome = env["XDG_CACHE_HOME"] || join(homeDir, ".cache");
  return join(cacheHome, "k8s-gitops", "schemas");
}

/** Walks up from `start` to the directory holding `pnpm-workspace.yaml`, or undefined. */
export function findRepoRoot(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, "pnpm-workspace.yaml"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** True when `dir` is a directory holding at least one schema set folder. */
export function hasSchemaFiles(dir: string): boolean {
  try {
    if (!statSync(dir).isDirectory()) return false;
    const entries = new Set(readdirSync(dir));
    return schemaSetDirs.some((name) => entries.has(name));
  } catch {
    return false;
  }
}

const thisModuleDir = (): string => dirname(fileURLToPath(import.meta.url));

/**
 * The candidate schema roots in priority order (env var, `<repoRoot>/../shared/schemas` found from the
 * working directory and from this module, the download cache), without checking that they exist.
 */
export function schemaRootCandidates(options: SchemaRootOptions = {}): string[] {
  const env = options.env ?? process.env;
  const candidates: string[] = [];
  const fromEnv = env[schemasDirEnv];
  if (fromEnv) candidates.push(resolve(fromEnv));
  for (const start of [options.cwd ?? process.cwd(), options.moduleDir ?? thisModuleDir()]) {
    const repoRoot = findRepoRoot(start);
    if (repoRoot !== undefined) candidates.push(resolve(repoRoot, "..", "shared", "schemas"));
  }
  candidates.push(defaultSchemaCacheDir(env, options.homeDir ?? homedir()));
  return [...new Set(candidates)];
}

/**
 * Finds the folder with the upstream schemas: `options.root`, else the first candidate of
 * {@link schemaRootCandidates} that holds schema files.
 * @throws UserError when an explicit root or `K8S_GITOPS_SCHEMAS_DIR` has no schemas (a typo there
 *   should not silently fall back to another copy), or when no candidate has any.
 */
export function resolveSchemaRoot(options: SchemaRootOptions = {}): string {
  if (options.root !== undefined) {
    if (hasSchemaFiles(options.root)) return resolve(options.root);
    throw new UserError(`schema root ${showValue(options.root)} holds no schema folders (${schemaSetDirs.join(", ")})`);
  }
  const fromEnv = (options.env ?? process.env)[schemasDirEnv];
  if (fromEnv && !hasSchemaFiles(fromEnv)) {
    throw new UserError(
      `${schemasDirEnv}=${showValue(fromEnv)} holds no schema folders (${schemaSetDirs.join(", ")}); ` +
        "fix the variable or unset it and run `k8s-gitops fetch schemas`",
    );
  }
  const candidates = schemaRootCandidates(options);
  const found = candidates.find(hasSchemaFiles);
  if (found !== undefined) return found;
  throw new UserError(
    "upstream JSON schemas not found; run `k8s-gitops fetch schemas` to download them into the cache " +
      `(or set ${schemasDirEnv}). Looked in:`,
    candidates,
  );
}
