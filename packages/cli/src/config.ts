import { existsSync, readFileSync } from "node:fs";
import { dirname, isAbsolute, relative, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { isUserError, showValue, UserError } from "@k8s-gitops/core/errors";
import { parseInventories, readInventoryFiles, type Inventory } from "@k8s-gitops/core/inventory";
import type { Estate } from "@k8s-gitops/platform";
import { configNames, locateConfig } from "./locate.js";

export { configNames } from "./locate.js";

/**
 * The config file for a working directory ({@link locateConfig}).
 * @throws UserError when `--config` names no file, or no folder up to the root holds one.
 */
export function findConfig(cwd: string, explicit?: string): string {
  const found = locateConfig(cwd, explicit);
  if (found !== undefined) return found;
  if (explicit !== undefined) throw new UserError(`--config ${showValue(explicit)}: no such file`);
  throw new UserError(`no ${configNames[0]} in ${resolve(cwd)} or any folder above it: run \`k8s-gitops init\` to create one, or pass --config FILE`);
}

/** A loaded estate config: where it is and what it exports. */
export interface Project {
  /** Absolute path of the config file. */
  readonly configPath: string;
  readonly estate: Estate;
  /** Absolute path of the output folder (the estate's outDir, relative to the config file). */
  readonly outDir: string;
  /** Reads and validates the estate's inventories together; paths in messages are relative to the working directory. */
  loadInventories(): Promise<Inventory[]>;
}

/** A path as the user would type it from the working directory. */
export function displayPath(path: string, cwd: string = process.cwd()): string {
  const shown = relative(cwd, path);
  if (shown === "") return ".";
  return shown.startsWith("..") || isAbsolute(shown) ? path : shown.split(sep).join("/");
}

/**
 * Where in the config file a value is written: the line and column of the first string literal
 * holding it, else of `defineEstate(`, else line 1. Errors of the estate point there.
 */
export function configPosition(source: string, value?: string): string {
  const needles = value === undefined ? [] : [JSON.stringify(value), `'${value}'`, `\`${value}\``];
  needles.push("defineEstate(");
  for (const needle of needles) {
    const index = source.indexOf(needle);
    if (index >= 0) {
      const before = source.slice(0, index).split("\n");
      return `${before.length}:${(before.at(-1)?.length ?? 0) + 1}`;
    }
  }
  return "1:1";
}

/** Prefixes a user error with the config file and the position of the value it names. */
export function inConfig(configPath: string, error: unknown, cwd: string = process.cwd()): unknown {
  if (!isUserError(error)) return error;
  let source = "";
  try {
    source = readFileSync(configPath, "utf8");
  } catch {
    // The file vanished: the error still names it.
  }
  const quoted = /"([^"\n]+)"/.exec(error.message)?.[1];
  return new UserError(`${displayPath(configPath, cwd)}:${configPosition(source, quoted)}: ${error.message}`);
}

const isEstate = (value: unknown): value is Estate =>
  typeof value === "object" && value !== null && "clusters" in value && "inventories" in value && "outDir" in value && "gitPath" in value;

/**
 * Imports the config file. `.ts` files need Node's type stripping (on by default from Node 22.18
 * and 24; `process.features.typescript`), which keeps every position, so a runtime error in the
 * config has the user's file:line in its stack.
 */
export async function importConfig(configPath: string): Promise<unknown> {
  const typescript = /\.m?ts$/.test(configPath);
  const features = process.features as { typescript?: string | false };
  if (typescript && !features.typescript) {
    throw new UserError(
      `${configPath}: loading a TypeScript config needs Node 22.18+ or 24 (type stripping); this is Node ${process.versions.node}. Upgrade Node or rename it to k8s-gitops.config.mjs`,
    );
  }
  try {
    const module = (await import(pathToFileURL(configPath).href)) as { default?: unknown };
    return module.default;
  } catch (error) {
    if (isUserError(error)) throw inConfig(configPath, error);
    // A syntax or runtime error of the config: the first stack frame in the config file says where.
    const stack = error instanceof Error ? (error.stack ?? "") : "";
    const url = pathToFileURL(configPath).href;
    const frame = stack.split("\n").find((line) => line.includes(url) || line.includes(configPath));
    const at = frame ? /:(\d+:\d+)\)?$/.exec(frame.trim())?.[1] : undefined;
    const message = error instanceof Error ? error.message : String(error);
    throw new UserError(`${displayPath(configPath)}${at ? `:${at}` : ""}: cannot load the config: ${message}`);
  }
}

/** The project of a config file whose default export is already known (imported or bundled). */
export function projectOf(configPath: string, exported: unknown): Project {
  if (!isEstate(exported)) {
    throw new UserError(
      `${displayPath(configPath)}:${configPosition(safeRead(configPath))}: the default export must be defineEstate({...}) from @k8s-gitops/platform, got ${showValue(exported)}`,
    );
  }
  const estate = exported;
  const dir = dirname(configPath);
  return {
    configPath,
    estate,
    outDir: resolve(dir, estate.outDir),
    async loadInventories(): Promise<Inventory[]> {
      const paths = estate.inventories.map((path) => resolve(dir, path));
      const missing = paths.findIndex((path) => !existsSync(path));
      if (missing >= 0) {
        const path = estate.inventories[missing]!;
        throw new UserError(`${displayPath(configPath)}:${configPosition(safeRead(configPath), path)}: inventories[${missing}]: ${showValue(path)}: no such file (${displayPath(paths[missing]!)})`);
      }
      const sources = await readInventoryFiles(paths);
      return parseInventories(sources.map((source) => ({ ...source, path: displayPath(source.path) })));
    },
  };
}

function safeRead(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}

/** Finds, imports and checks the config file. */
export async function loadProject(cwd: string, explicit?: string): Promise<Project> {
  const configPath = findConfig(cwd, explicit);
  return projectOf(configPath, await importConfig(configPath));
}
