import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
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
 * `pnpm pack` of workspace packages into `destination`, in one pnpm process (`pnpm -r --filter
 * <dir>... pack`: pnpm rewrites `workspace:*` to the real version and applies `publishConfig`,
 * exactly as `pnpm publish` would). One process instead of one per package: 4.3 s of CPU instead
 * of 9.6 s for the five, most of which was pnpm starting up.
 * @returns each package folder's tarball (absolute path).
 */
export async function packPackages(repoRoot: string, dirs: readonly string[], destination: string): Promise<Map<string, string>> {
  const filters = dirs.flatMap((dir) => ["--filter", `./${relative(repoRoot, dir)}`]);
  const { stdout } = await runChecked("pnpm", ["-r", ...filters, "pack", "--json", "--pack-destination", destination], { cwd: repoRoot });
  const reports = JSON.parse(stdout.slice(stdout.indexOf("["))) as { name?: unknown; filename?: unknown }[];
  const byName = new Map(reports.map((report) => [report.name, report.filename]));
  return new Map(
    dirs.map((dir) => {
      const name = (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name: string }).name;
      const filename = byName.get(name);
      if (typeof filename !== "string") throw new Error(`pnpm pack reported no tarball for ${name} (${dir}):\n${stdout}`);
      return [dir, filename];
    }),
  );
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
  const tarballs = await packPackages(
    repoRoot,
    publicPackages.map((name) => packageDir(repoRoot, name)),
    destination,
  );
  const packed = await Promise.all(
    publicPackages.map(async (name) => {
      const tarball = tarballs.get(packageDir(repoRoot, name))!;
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
