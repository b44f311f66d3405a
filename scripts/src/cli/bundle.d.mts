// Types of bundle.mjs, which stays JavaScript because it runs before any TypeScript tooling.

export interface BundleOptions {
  /** Repository root. @default the folder holding pnpm-workspace.yaml above bundle.mjs */
  readonly root?: string;
  /** Where the bundle and its manifest live. @default `<root>/scripts/dist` */
  readonly outDir?: string;
  /** Which bundle: the CLI with the estate, or the no-op stamp check. @default "generate" */
  readonly name?: BundleName;
}

export type BundleName = "generate" | "fast";

export interface Manifest {
  readonly version: number;
  /** Content hash of every input. */
  readonly hash: string;
  /** File name of the bundle inside outDir. */
  readonly bundle: string;
  /** Repository-relative paths of the workspace sources the bundle holds. */
  readonly inputs: readonly string[];
}

export interface EnsuredBundle {
  /** Absolute path of the up-to-date bundle. */
  readonly path: string;
  /** Whether this call had to (re)build it. */
  readonly rebuilt: boolean;
  /** Time spent checking and, if needed, building. */
  readonly ms: number;
  /** Content hash of every input of the bundle. */
  readonly hash: string;
}

export interface BundleOutput {
  readonly code: string;
  readonly map: string;
  readonly sources: readonly string[];
  /** The sources as esbuild read them, by absolute path. */
  readonly contents: ReadonlyMap<string, Uint8Array>;
}

/** Bumped when the bundle's shape changes, so older manifests never match. */
export const formatVersion: number;
export function findRepoRoot(start: string): string;
export function settingInputs(root: string, sources: readonly string[]): string[];
export function hashInputs(root: string, inputs: readonly string[], known?: ReadonlyMap<string, Uint8Array>): string | undefined;
export function currentManifest(root: string, outDir: string, name?: BundleName): Manifest | undefined;
export function bundleEntry(root: string, entryPoint: string, outDir: string, fileName: string): Promise<BundleOutput>;
export function writeBundle(root: string, entryPoint: string, outFile: string): Promise<BundleOutput>;
export function buildBundle(root: string, outDir: string, name?: BundleName): Promise<Manifest>;
export function ensureBundle(options?: BundleOptions): Promise<EnsuredBundle>;
