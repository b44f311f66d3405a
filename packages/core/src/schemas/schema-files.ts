import { existsSync, readFileSync, readdirSync } from "node:fs";
import { UserError, showValue } from "../errors/index.js";

// Schema files are large (up to 0.8 MB) and immutable during a run: read and parse each once.
const jsonCache = new Map<string, unknown>();

/** Parses a JSON schema file once per process. Callers must not mutate the result. */
export function readJsonFile(path: string): unknown {
  if (jsonCache.has(path)) return jsonCache.get(path);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new UserError(`cannot read schema file ${showValue(path)}: ${(error as Error).message}`);
  }
  jsonCache.set(path, parsed);
  return parsed;
}

export function readTextFile(path: string): string {
  return readFileSync(path, "utf8");
}

export function fileExists(path: string): boolean {
  return existsSync(path);
}

/** Entry names of a directory, sorted; empty when it does not exist. */
export function listDir(path: string): string[] {
  try {
    return readdirSync(path).sort();
  } catch {
    return [];
  }
}
