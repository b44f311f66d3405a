// The no-op fast path of `k8s-gitops generate`: a stamp records a digest of every input of the
// last successful run (the config file, every module and data file it loaded, the installed
// packages, the command line) and of every file it left in the output folder. When all of them
// are unchanged the output is current, and the run ends before the generator is even loaded.
// Only node: built-ins here: this module is loaded on every start.
import { createHash } from "node:crypto";
import { type Dirent, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, relative, resolve, sep } from "node:path";

/** Bumped whenever the stamp's meaning changes, so older stamps never match. */
export const stampVersion = 1;

/** The writer's manifest of owned files inside the output folder (core/write MANIFEST_FILE). */
const manifestName = ".k8s-gitops-manifest.json";

export interface Stamp {
  readonly version: number;
  /** Absolute path of the output folder. */
  readonly outDir: string;
  /** The command line the output was generated with (normalised by the caller). */
  readonly args: readonly string[];
  /** Opaque digests of inputs that are not files (the workspace bundle's source hash). */
  readonly extra: readonly string[];
  /** Absolute path -> sha256 of every input file. */
  readonly inputs: Readonly<Record<string, string>>;
  /** Output-relative path -> sha256 of every file the run left in the output folder. */
  readonly outputs: Readonly<Record<string, string>>;
}

const sha = (bytes: Uint8Array | string): string => createHash("sha256").update(bytes).digest("hex");

function digest(path: string): string | undefined {
  try {
    return sha(readFileSync(path));
  } catch {
    return undefined;
  }
}

/** Where the stamp of one config file lives: the user's cache, never the output folder. */
export function stampPath(configPath: string, env: NodeJS.ProcessEnv = process.env): string {
  const cache = join(env["XDG_CACHE_HOME"] || join(homedir(), ".cache"), "k8s-gitops", "stamps");
  return join(cache, `${sha(resolve(configPath)).slice(0, 24)}.json`);
}

/**
 * Every file the output folder holds according to the writer's manifest, plus the manifest
 * itself. A file outside the manifest is not the writer's; one listed but missing fails the stamp.
 */
export function outputFiles(outDir: string): string[] | undefined {
  let manifest: { files?: Record<string, unknown> };
  try {
    manifest = JSON.parse(readFileSync(join(outDir, manifestName), "utf8")) as { files?: Record<string, unknown> };
  } catch {
    return undefined;
  }
  if (manifest.files === undefined || typeof manifest.files !== "object") return undefined;
  return [manifestName, ...Object.keys(manifest.files)].sort();
}

/**
 * The stamp when it still describes the inputs and the output exactly, else undefined: a missing
 * or unreadable stamp, other arguments, any input or output file changed, added to or removed from
 * the manifest, or an interrupted write (the writer's work folder exists).
 */
export function currentStamp(stampFile: string, args: readonly string[], extra: readonly string[]): Stamp | undefined {
  let stamp: Stamp;
  try {
    stamp = JSON.parse(readFileSync(stampFile, "utf8")) as Stamp;
  } catch {
    return undefined;
  }
  if (stamp.version !== stampVersion || typeof stamp.outDir !== "string") return undefined;
  const outDir = stamp.outDir;
  if (JSON.stringify(stamp.args) !== JSON.stringify(args) || JSON.stringify(stamp.extra) !== JSON.stringify(extra)) return undefined;
  if (existsSync(join(outDir, ".k8s-gitops-work"))) return undefined;
  for (const [path, hash] of Object.entries(stamp.inputs)) if (digest(path) !== hash) return undefined;
  const outputs = outputFiles(outDir);
  if (outputs === undefined || outputs.length !== Object.keys(stamp.outputs).length) return undefined;
  for (const path of outputs) if (stamp.outputs[path] === undefined || digest(join(outDir, path)) !== stamp.outputs[path]) return undefined;
  return stamp;
}

/** Files below `dir`, skipping `node_modules`, `.git` and the folders in `skip`. */
function filesBelow(dir: string, skip: readonly string[]): string[] {
  const found: string[] = [];
  const walk = (current: string): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(current, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) {
        if (entry.name === "node_modules" || entry.name === ".git" || skip.some((s) => path === s || path.startsWith(`${s}${sep}`))) continue;
        walk(path);
      } else if (entry.isFile()) found.push(path);
    }
  };
  walk(dir);
  return found;
}

/**
 * The root folder of the npm package holding `file`: the nearest folder whose package.json names
 * the package (nested ones such as `dist/esm/package.json` with only a "type" are skipped).
 */
function packageRoot(file: string): string | undefined {
  for (let dir = dirname(file); dirname(dir) !== dir; dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (!existsSync(manifest)) continue;
    try {
      if (typeof (JSON.parse(readFileSync(manifest, "utf8")) as { name?: unknown }).name === "string") return dir;
    } catch {
      return dir;
    }
  }
  return undefined;
}

/**
 * The input files of a run: every file below the config's folder (its local modules and data,
 * the inventories), the lockfile above it, and for every loaded module inside node_modules the
 * package.json of its package (its version) and, for the k8s-gitops packages themselves, every
 * file of the package (their dist).
 */
export function inputFiles(configPath: string, outDir: string, loaded: readonly string[]): string[] {
  const configDir = dirname(resolve(configPath));
  const files = new Set(filesBelow(configDir, [resolve(outDir)]));
  files.add(resolve(configPath));
  for (let dir = configDir; dirname(dir) !== dir; dir = dirname(dir)) {
    const lock = ["pnpm-lock.yaml", "package-lock.json", "yarn.lock"].map((name) => join(dir, name)).find((path) => existsSync(path));
    if (lock !== undefined) {
      files.add(lock);
      break;
    }
  }
  const packages = new Set<string>();
  for (const file of loaded) {
    if (!file.includes(`${sep}node_modules${sep}`) && !relative(configDir, file).startsWith("..")) continue;
    const root = packageRoot(file);
    if (root !== undefined) packages.add(root);
    else files.add(file);
  }
  for (const root of packages) {
    const manifest = join(root, "package.json");
    files.add(manifest);
    const name = (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name ?? "";
    if (name === "k8s-gitops" || name.startsWith("@k8s-gitops/")) for (const file of filesBelow(join(root, "dist"), [])) files.add(file);
  }
  return [...files].sort();
}

/** Records a stamp after a successful generate; written atomically (a temporary name, then rename). */
export function writeStamp(stampFile: string, outDir: string, args: readonly string[], extra: readonly string[], inputs: readonly string[]): void {
  const outputs = outputFiles(outDir);
  if (outputs === undefined) return;
  const stamp: Stamp = {
    version: stampVersion,
    outDir: resolve(outDir),
    args,
    extra,
    inputs: Object.fromEntries(inputs.flatMap((path) => {
      const hash = digest(path);
      return hash === undefined ? [] : [[path, hash]];
    })),
    outputs: Object.fromEntries(outputs.map((path) => [path, digest(join(outDir, path)) ?? ""])),
  };
  mkdirSync(dirname(stampFile), { recursive: true });
  const temporary = `${stampFile}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, JSON.stringify(stamp));
    renameSync(temporary, stampFile);
  } finally {
    rmSync(temporary, { force: true });
  }
}

/** Removes the stamp (after a failed or partial run), so the next run generates in full. */
export function dropStamp(stampFile: string): void {
  rmSync(stampFile, { force: true });
}
