import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/** Config file names, in the order they are looked for in each folder. */
export const configNames = ["k8s-gitops.config.ts", "k8s-gitops.config.mts", "k8s-gitops.config.mjs", "k8s-gitops.config.js"] as const;

/**
 * The config file for a working directory: `explicit` (`--config`) resolved against it, else the
 * first of `configNames` in the directory or the nearest parent holding one (as ESLint, Vite and
 * Prettier find theirs); undefined when there is none. Only node: built-ins: it runs on every start.
 */
export function locateConfig(cwd: string, explicit?: string): string | undefined {
  if (explicit !== undefined) {
    const path = resolve(cwd, explicit);
    return existsSync(path) ? path : undefined;
  }
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    for (const name of configNames) if (existsSync(join(dir, name))) return join(dir, name);
    if (dirname(dir) === dir) return undefined;
  }
}
