import { existsSync } from "node:fs";
import { join } from "node:path";
import { runChecked } from "./run.js";

/** The packages other repositories install; `scripts/` stays private. */
export const publicPackages = ["core", "components", "talos", "clusters"] as const;
export type PublicPackage = (typeof publicPackages)[number];

export const packageDir = (repoRoot: string, name: PublicPackage): string => join(repoRoot, "packages", name);

/** Build outputs a package needs before it can be packed; the missing ones, for a clear failure. */
export function missingBuildOutputs(dir: string): string[] {
  return ["dist/index.js", "dist/index.d.ts"].filter((file) => !existsSync(join(dir, file))).map((file) => join(dir, file));
}

/**
 * `pnpm pack` of one workspace package into `destination` (pnpm rewrites `workspace:*` to the
 * real version and applies `publishConfig`, exactly as `pnpm publish` would).
 * @returns the tarball's absolute path.
 */
export async function packPackage(dir: string, destination: string): Promise<string> {
  const { stdout } = await runChecked("pnpm", ["pack", "--json", "--pack-destination", destination], { cwd: dir });
  const start = stdout.indexOf("{");
  const report = JSON.parse(stdout.slice(start)) as { filename?: unknown };
  if (typeof report.filename !== "string") throw new Error(`pnpm pack in ${dir} reported no filename:\n${stdout}`);
  return report.filename;
}

/** The tarball's file list as `tar` sees it, relative to the package root (without `package/`). */
export async function tarballEntries(tarball: string): Promise<string[]> {
  const { stdout } = await runChecked("tar", ["-tzf", tarball], { cwd: "/" });
  return stdout
    .split("\n")
    .filter((line) => line !== "" && !line.endsWith("/"))
    .map((line) => line.replace(/^package\//, ""));
}

/** One file of the tarball, e.g. the rewritten `package.json`. */
export async function tarballFile(tarball: string, path: string): Promise<string> {
  const { stdout } = await runChecked("tar", ["-xzOf", tarball, `package/${path}`], { cwd: "/" });
  return stdout;
}
