/**
 * The user-level, content-addressed caches (`${XDG_CACHE_HOME:-~/.cache}/k8s-gitops/<name>`): helm
 * renders, kustomize builds and schema verdicts of `k8s-gitops verify`, and the kustomize builds of
 * the tests. An entry is stored under the sha256 of everything that determines it, so a hit is the
 * same answer the tool would give again; see docs/verify.md (caches).
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";

/** `${XDG_CACHE_HOME:-~/.cache}/k8s-gitops/<name>`. */
export function cacheDir(name: string, env: Readonly<Record<string, string | undefined>> = process.env, home: string = homedir()): string {
  return join(env["XDG_CACHE_HOME"] || join(home, ".cache"), "k8s-gitops", name);
}

/** The cached text under `key` in `dir` (`<dir>/<key[0..2]>/<key>.json`), or undefined. */
export function readCache(dir: string | undefined, key: string): string | undefined {
  if (dir === undefined) return undefined;
  try {
    return readFileSync(join(dir, key.slice(0, 2), `${key}.json`), "utf8");
  } catch {
    return undefined;
  }
}

/** Stores `text` under `key` in `dir`, atomically (written beside, then renamed). */
export function writeCache(dir: string | undefined, key: string, text: string): void {
  if (dir === undefined) return;
  const target = join(dir, key.slice(0, 2), `${key}.json`);
  mkdirSync(dirname(target), { recursive: true });
  const temporary = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, target);
}
