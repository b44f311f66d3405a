// @ts-check
// Plain JavaScript on purpose: this module decides whether the TypeScript sources need bundling,
// so it must run on bare `node` before any TypeScript tooling is loaded.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

/** Bumped when the bundle's shape changes, so older manifests never match. */
export const formatVersion = 2;
/**
 * The bundles the launcher keeps: the CLI with this repository's estate (`generate`), and the
 * stamp check that lets a no-op run end before the CLI bundle is loaded (`fast`).
 * @typedef {"generate" | "fast"} BundleName
 */
/** @type {Record<BundleName, string>} */
const entries = { generate: "scripts/src/generate.ts", fast: "scripts/src/fast.ts" };
const manifestNameOf = (/** @type {BundleName} */ name) => `${name}.manifest.json`;

/**
 * @typedef {object} BundleOptions
 * @property {string} [root] repository root (default: the folder holding pnpm-workspace.yaml above this file)
 * @property {string} [outDir] where the bundle and its manifest live (default: `<root>/scripts/dist`)
 * @property {BundleName} [name] which bundle (default: generate)
 */

/**
 * @typedef {object} Manifest
 * @property {number} version
 * @property {string} hash content hash of every input
 * @property {string} bundle file name of the bundle inside outDir
 * @property {string[]} inputs repository-relative paths of the workspace sources the bundle holds
 */

/**
 * @typedef {object} EnsuredBundle
 * @property {string} path absolute path of the up-to-date bundle
 * @property {boolean} rebuilt whether this call had to (re)build it
 * @property {number} ms time spent checking and, if needed, building
 * @property {string} hash content hash of every input of the bundle
 */

/** @param {string} start */
export function findRepoRoot(start) {
  let dir = resolve(start);
  while (!existsSync(join(dir, "pnpm-workspace.yaml"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the repository root (pnpm-workspace.yaml) above ${start}`);
    dir = parent;
  }
  return dir;
}

const toPosix = (/** @type {string} */ path) => path.split(sep).join("/");

/**
 * Files besides the bundled sources that change what esbuild produces: the lockfiles (dependency
 * versions, as declared and as installed), the TypeScript settings esbuild reads, the package
 * manifests that drive module resolution, and this builder.
 * @param {string} root
 * @param {readonly string[]} sources repository-relative source paths
 * @returns {string[]} repository-relative paths, sorted, without duplicates
 */
export function settingInputs(root, sources) {
  const packageDirs = new Set(
    sources.flatMap((source) => {
      const match = /^(packages\/[^/]+|scripts)\//.exec(source);
      return match ? [match[1]] : [];
    }),
  );
  const candidates = [
    "pnpm-lock.yaml",
    "node_modules/.pnpm/lock.yaml",
    "tsconfig.base.json",
    toPosix(relative(root, fileURLToPath(import.meta.url))),
    ...[...packageDirs].flatMap((dir) => [`${dir}/package.json`, `${dir}/tsconfig.json`]),
  ];
  return [...new Set(candidates)].filter((path) => existsSync(join(root, path))).sort();
}

/**
 * The content hash of the inputs, or undefined when one of them is gone (the bundle is stale then).
 * @param {string} root
 * @param {readonly string[]} inputs repository-relative paths
 * @param {ReadonlyMap<string, Uint8Array>} [known] contents already read, by absolute path
 */
export function hashInputs(root, inputs, known = new Map()) {
  const hash = createHash("sha256");
  hash.update(`k8s-gitops generate bundle v${formatVersion}\0`);
  for (const path of [...inputs].sort()) {
    let content = known.get(join(root, path));
    try {
      content ??= readFileSync(join(root, path));
    } catch {
      return undefined;
    }
    hash.update(`${path}\0${content.length}\0`);
    hash.update(content);
  }
  return hash.digest("hex");
}

/**
 * The manifest of the current bundle when every input still has the recorded content, else undefined.
 * @param {string} root
 * @param {string} outDir
 * @returns {Manifest | undefined}
 */
export function currentManifest(root, outDir, name = /** @type {BundleName} */ ("generate")) {
  /** @type {Manifest} */
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(outDir, manifestNameOf(name)), "utf8"));
  } catch {
    return undefined;
  }
  if (manifest.version !== formatVersion || !Array.isArray(manifest.inputs)) return undefined;
  if (!existsSync(join(outDir, manifest.bundle))) return undefined;
  const inputs = [...manifest.inputs, ...settingInputs(root, manifest.inputs)];
  return hashInputs(root, inputs) === manifest.hash ? manifest : undefined;
}

/**
 * esbuild bundles every module into one file, so `import.meta.url` would name the bundle instead
 * of the source module. Sources that locate files next to themselves (the inventories, the
 * repository root) get their own URL back, relative to the bundle so the repository may move.
 * Records every workspace source as read, so the bundle is hashed by exactly what it was built
 * from even when a file changes during the build.
 * @param {string} outDir
 * @param {Map<string, Uint8Array>} loaded filled with contents by absolute path
 * @returns {import("esbuild").Plugin}
 */
function moduleUrlPlugin(outDir, loaded) {
  return {
    name: "module-import-meta-url",
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, (args) => {
        if (args.path.includes(`${sep}node_modules${sep}`)) return undefined;
        const bytes = readFileSync(args.path);
        loaded.set(args.path, bytes);
        const source = bytes.toString("utf8");
        if (!source.includes("import.meta.url")) return { contents: bytes, loader: "ts" };
        const fromBundle = toPosix(relative(outDir, args.path));
        const url = `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`;
        return { contents: source.replaceAll("import.meta.url", url), loader: "ts" };
      });
    },
  };
}

/**
 * re2-wasm loads its .wasm file from `__dirname`, which a bundle cannot preserve; it stays a
 * separate module, imported by a path relative to the bundle.
 * @param {string} outDir
 * @returns {import("esbuild").Plugin}
 */
function keepExternalPlugin(outDir) {
  return {
    name: "keep-external",
    setup(build) {
      build.onResolve({ filter: /^re2-wasm$/ }, async (args) => {
        if (args.pluginData === "keep-external") return undefined;
        const found = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: "keep-external" });
        if (found.errors.length > 0) return { errors: found.errors };
        const path = toPosix(relative(outDir, found.path));
        return { path: path.startsWith(".") ? path : `./${path}`, external: true };
      });
    },
  };
}

/**
 * Node 21 and later warn (DEP0040) whenever code outside node_modules loads the `punycode`
 * built-in, and in a bundle every dependency is outside node_modules: ajv-formats-draft2019
 * requires it, so every `pnpm generate` on Node 22 printed the warning. The npm package of the
 * same code is bundled instead (its `punycode/` entry, as its README advises).
 * @returns {import("esbuild").Plugin}
 */
function userlandPunycodePlugin() {
  return {
    name: "userland-punycode",
    setup(build) {
      build.onResolve({ filter: /^(node:)?punycode$/ }, async (args) => {
        const found = await build.resolve("punycode/", { kind: args.kind, resolveDir: fileURLToPath(new URL(".", import.meta.url)) });
        if (found.errors.length > 0) return { errors: found.errors };
        return { path: found.path };
      });
    },
  };
}

/**
 * @typedef {object} BundleOutput
 * @property {string} code the bundle, its source-map comment naming `<file name>.map`
 * @property {string} map the source map
 * @property {string[]} sources repository-relative paths of the workspace sources it holds
 * @property {Map<string, Uint8Array>} contents the sources as esbuild read them, by absolute path
 */

/**
 * Bundles one TypeScript entry point (workspace packages from source, dependencies included)
 * into a single ES module meant to live in `outDir` as `fileName`; writes nothing.
 * @param {string} root repository root
 * @param {string} entryPoint repository-relative path of the entry
 * @param {string} outDir
 * @param {string} fileName
 * @returns {Promise<BundleOutput>}
 */
export async function bundleEntry(root, entryPoint, outDir, fileName) {
  const esbuild = await import("esbuild");
  /** @type {Map<string, Uint8Array>} */
  const contents = new Map();
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [join(root, entryPoint)],
    outfile: join(outDir, fileName),
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    conditions: ["source"],
    sourcemap: "linked",
    sourcesContent: false,
    metafile: true,
    write: false,
    logLevel: "silent",
    legalComments: "none",
    // CommonJS dependencies (yaml, ajv, ...) call require() for Node built-ins.
    banner: { js: 'import { createRequire as __bundleRequire } from "node:module";\nconst require = __bundleRequire(import.meta.url);' },
    plugins: [moduleUrlPlugin(outDir, contents), keepExternalPlugin(outDir), userlandPunycodePlugin()],
  });
  const map = result.outputFiles.find((file) => file.path.endsWith(".map"));
  const code = result.outputFiles.find((file) => !file.path.endsWith(".map"));
  if (!map || !code) throw new Error(`esbuild produced no bundle for ${entryPoint}`);
  const sources = Object.keys(result.metafile.inputs)
    .filter((path) => !path.includes("node_modules/") && !path.includes(":"))
    .map((path) => toPosix(relative(root, resolve(root, path))))
    .sort();
  return { code: code.text, map: map.text, sources, contents };
}

/**
 * Bundles an entry point into `outFile` (+ `.map`), e.g. a benchmark child process.
 * @param {string} root
 * @param {string} entryPoint repository-relative
 * @param {string} outFile
 */
export async function writeBundle(root, entryPoint, outFile) {
  const output = await bundleEntry(root, entryPoint, dirname(outFile), basename(outFile));
  mkdirSync(dirname(outFile), { recursive: true });
  writeAtomically(`${outFile}.map`, output.map);
  writeAtomically(outFile, output.code);
  return output;
}

/**
 * Bundles the CLI into `<outDir>/generate-<hash>.mjs` (+ source map) and records its inputs.
 * The bundle is written before the manifest that names it, both by rename, so a concurrent run
 * sees either the old or the new bundle, never half of one.
 * @param {string} root
 * @param {string} outDir
 * @returns {Promise<Manifest>}
 */
export async function buildBundle(root, outDir, name = /** @type {BundleName} */ ("generate")) {
  const scratch = `${name}.bundle.mjs`;
  const output = await bundleEntry(root, entries[name], outDir, scratch);
  const hash = hashInputs(root, [...output.sources, ...settingInputs(root, output.sources)], output.contents);
  if (hash === undefined) throw new Error("an input of the bundle vanished while bundling; run again");
  const bundle = `${name}-${hash.slice(0, 16)}.mjs`;
  mkdirSync(outDir, { recursive: true });
  writeAtomically(join(outDir, `${bundle}.map`), output.map);
  writeAtomically(join(outDir, bundle), output.code.replace(`sourceMappingURL=${scratch}.map`, `sourceMappingURL=${bundle}.map`));
  /** @type {Manifest} */
  const manifest = { version: formatVersion, hash, bundle, inputs: output.sources };
  writeAtomically(join(outDir, manifestNameOf(name)), `${JSON.stringify(manifest, null, 2)}\n`);
  removeOtherBundles(outDir, bundle, name);
  return manifest;
}

/** @param {string} path @param {string} text */
function writeAtomically(path, text) {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, path);
}

/** @param {string} outDir @param {string} keep @param {BundleName} kind */
function removeOtherBundles(outDir, keep, kind) {
  for (const name of readdirSync(outDir)) {
    if (new RegExp(`^${kind}-[0-9a-f]+\\.mjs(\\.map)?$`).test(name) && !name.startsWith(keep)) rmSync(join(outDir, name), { force: true });
  }
}

/**
 * The path of a bundle built from exactly the current sources, rebuilding it first when any input
 * changed (or none exists yet), so the bundled CLI can never run stale code.
 * @param {BundleOptions} [options]
 * @returns {Promise<EnsuredBundle>}
 */
export async function ensureBundle(options = {}) {
  const start = performance.now();
  const root = options.root ?? findRepoRoot(dirname(fileURLToPath(import.meta.url)));
  const outDir = options.outDir ?? join(root, "scripts", "dist");
  const name = options.name ?? "generate";
  const current = currentManifest(root, outDir, name);
  const manifest = current ?? (await buildBundle(root, outDir, name));
  return { path: join(outDir, manifest.bundle), rebuilt: current === undefined, ms: performance.now() - start, hash: manifest.hash };
}
