import { existsSync, mkdirSync, rmSync } from "node:fs";
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
  // The packages are packed side by side: each `pnpm pack` is mostly process start-up, and each
  // writes its own tarball name (<scope>-<name>-<version>.tgz) into the destination.
  const packed = await Promise.all(
    publicPackages.map(async (name) => {
      const tarball = await packPackage(packageDir(repoRoot, name), destination);
      const [manifest, files] = await Promise.all([tarballFile(tarball, "package.json"), tarballEntries(tarball)]);
      return { name, tarball, manifest: JSON.parse(manifest) as Record<string, unknown>, files };
    }),
  );
  return {
    tarballs: new Map(packed.map(({ name, tarball }) => [name, tarball])),
    manifests: new Map(packed.map(({ name, manifest }) => [name, manifest])),
    entries: new Map(packed.map(({ name, files }) => [name, files])),
  };
}

const packedOnce = new Map<string, Promise<PackedPackages>>();

/** Where {@link packPublicPackagesOnce} puts the tarballs: inside the repository's ignored node_modules. */
export const packedDir = (repoRoot: string): string => join(repoRoot, "node_modules", ".cache", "k8s-gitops-packed");

/**
 * {@link packPublicPackages} once per process and repository: the two tarball tests (pack.test.ts,
 * estate.test.ts) run in one vitest worker (project `slow`) and consume the same tarballs, so the
 * second reuses what the first packed instead of packing all five packages again. The tarballs go
 * to {@link packedDir}, emptied first: a temp folder removed on the process's `exit` event was left
 * behind by every run, since vitest ends its workers without that event. `pack` is the packer
 * (tests pass a fake).
 */
export function packPublicPackagesOnce(repoRoot: string, pack: typeof packPublicPackages = packPublicPackages): Promise<PackedPackages> {
  let packed = packedOnce.get(repoRoot);
  if (packed === undefined) {
    const destination = packedDir(repoRoot);
    rmSync(destination, { recursive: true, force: true });
    mkdirSync(destination, { recursive: true });
    packed = pack(repoRoot, destination);
    // A failed packing is not kept: the next caller tries again and sees its own error.
    packed.catch(() => packedOnce.delete(repoRoot));
    packedOnce.set(repoRoot, packed);
  }
  return packed;
}
