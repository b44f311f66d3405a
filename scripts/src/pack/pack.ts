import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { runChecked } from "./run.js";

/**
 * The packages other repositories install, by folder under packages/; `scripts/` and this
 * repository's estate (`packages/clusters`) stay private.
 */
export const publicPackages = ["core", "components", "talos", "platform", "cli"] as const;
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

/** What packing every public package produced. */
export interface PackedPackages {
  readonly tarballs: ReadonlyMap<PublicPackage, string>;
  /** The package.json inside each tarball, as consumers receive it. */
  readonly manifests: ReadonlyMap<PublicPackage, Record<string, unknown>>;
  readonly entries: ReadonlyMap<PublicPackage, string[]>;
}

/**
 * `pnpm pack` of every public package into `destination`.
 * @throws Error naming the missing build outputs when a package was not built.
 */
export async function packPublicPackages(repoRoot: string, destination: string): Promise<PackedPackages> {
  const missing = publicPackages.flatMap((name) => missingBuildOutputs(packageDir(repoRoot, name)));
  if (missing.length > 0) throw new Error(`run \`pnpm build\` first (turbo runs it before this test); missing:\n${missing.join("\n")}`);
  mkdirSync(destination, { recursive: true });
  const tarballs = new Map<PublicPackage, string>();
  const manifests = new Map<PublicPackage, Record<string, unknown>>();
  const entries = new Map<PublicPackage, string[]>();
  for (const name of publicPackages) {
    const tarball = await packPackage(packageDir(repoRoot, name), destination);
    tarballs.set(name, tarball);
    manifests.set(name, JSON.parse(await tarballFile(tarball, "package.json")) as Record<string, unknown>);
    entries.set(name, await tarballEntries(tarball));
  }
  return { tarballs, manifests, entries };
}
