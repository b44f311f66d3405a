/**
 * Checks of a package as consumers receive it (the package.json inside the tarball and the file
 * list), independent of how the workspace resolves it: the workspace reads `src/` through the
 * `source` condition, consumers must get `dist/` without knowing that condition exists.
 */

type Json = Readonly<Record<string, unknown>>;

const isObject = (value: unknown): value is Json => value !== null && typeof value === "object" && !Array.isArray(value);

/** Walks a conditional export target; `where` is the path of keys for messages. */
function conditionProblems(target: unknown, where: string): string[] {
  if (target === null || typeof target === "string") return [];
  if (Array.isArray(target)) return target.flatMap((item, index) => conditionProblems(item, `${where}[${index}]`));
  if (!isObject(target)) return [`${where}: unexpected export target ${JSON.stringify(target)}`];
  const keys = Object.keys(target);
  const problems: string[] = [];
  if (keys.includes("source")) problems.push(`${where}: the workspace-only "source" condition leaks into the published exports`);
  // Resolvers take the first matching condition, so `default` must be last and `types` before it,
  // or TypeScript would read the .js file and find no types.
  if (keys.includes("default") && keys.at(-1) !== "default") problems.push(`${where}: "default" is not the last condition (${keys.join(", ")})`);
  if (keys.includes("types") && keys.includes("default") && keys.indexOf("types") > keys.indexOf("default")) {
    problems.push(`${where}: "types" comes after "default"`);
  }
  if (keys.includes("default") && !keys.includes("types")) problems.push(`${where}: no "types" condition next to "default"`);
  for (const key of keys) problems.push(...conditionProblems(target[key], `${where}.${key}`));
  return problems;
}

const localProtocols = ["workspace:", "link:", "file:", "portal:"];

/**
 * The Node versions every package supports: the maintained LTS lines (22 and 24), from 22.18 on,
 * where type stripping (a `.ts` estate config) is on by default; the `@kubernetes-models/*`
 * dependencies declare `node >=22` themselves.
 */
export const supportedNode = ">=22.18.0 <23 || >=24.0.0";

/** The package every other one shares; a second copy breaks `instanceof` (UserError, merge helpers). */
export const sharedPeer = "@k8s-gitops/core";

/**
 * Everything wrong with a published package.json: exports a consumer cannot resolve to typed
 * `dist/` files, dependencies that point into the workspace, missing publishing metadata.
 * @returns one message per problem; empty when the manifest is fit to publish.
 */
export function publishedManifestProblems(manifest: Json): string[] {
  const name = typeof manifest["name"] === "string" ? manifest["name"] : "(unnamed)";
  const problems: string[] = [];
  if (manifest["private"] === true) problems.push("private: true (pnpm publish would refuse it)");
  for (const field of ["license", "repository", "version", "description"]) {
    if (manifest[field] === undefined) problems.push(`${field} is missing`);
  }
  if (manifest["sideEffects"] !== false) problems.push(`sideEffects is ${JSON.stringify(manifest["sideEffects"])}, expected false`);
  const publishConfig = manifest["publishConfig"];
  if (!isObject(publishConfig) || publishConfig["access"] !== "public") problems.push("publishConfig.access is not \"public\" (scoped packages default to restricted)");
  const exportsMap = manifest["exports"];
  if (!isObject(exportsMap)) {
    problems.push("exports is missing");
  } else {
    if (exportsMap["."] === undefined) problems.push('exports has no "." entry');
    if (exportsMap["./package.json"] === undefined) problems.push('exports has no "./package.json" entry');
    for (const [subpath, target] of Object.entries(exportsMap)) problems.push(...conditionProblems(target, `exports["${subpath}"]`));
  }
  const engines = manifest["engines"];
  if (!isObject(engines) || engines["node"] !== supportedNode) {
    problems.push(`engines.node is ${JSON.stringify(isObject(engines) ? engines["node"] : undefined)}, expected ${JSON.stringify(supportedNode)}`);
  }
  const dependencies = isObject(manifest["dependencies"]) ? manifest["dependencies"] : {};
  if (name !== sharedPeer && dependencies[sharedPeer] !== undefined) {
    problems.push(`dependencies.${sharedPeer}: must be a peerDependency, or a consumer on another version gets two copies`);
  }
  for (const field of ["dependencies", "peerDependencies", "optionalDependencies"]) {
    const deps = manifest[field];
    if (!isObject(deps)) continue;
    for (const [dep, spec] of Object.entries(deps)) {
      if (typeof spec === "string" && localProtocols.some((protocol) => spec.startsWith(protocol))) {
        problems.push(`${field}.${dep} is ${JSON.stringify(spec)}, which only resolves inside the workspace`);
      }
    }
  }
  return problems.map((problem) => `${name}: ${problem}`);
}

/** A file list entry that belongs to the tests, not to the package. */
export const isTestFile = (path: string): boolean =>
  /(^|\/)(__fixtures__|__golden__|testing)\//.test(path) || /\.test\.[cm]?[jt]s(\.map)?$/.test(path) || /(^|\/)test-support\.[^/]*$/.test(path);

/** The directory names `*` stands for in `dist/*\/index.js`-style patterns, found in the file list. */
function patternMatches(pattern: string, files: ReadonlySet<string>): string[] {
  const [before, after] = pattern.replace(/^\.\//, "").split("*") as [string, string];
  return [...files]
    .filter((file) => file.length > before.length + after.length && file.startsWith(before) && file.endsWith(after))
    .map((file) => file.slice(before.length, file.length - after.length));
}

/**
 * Everything wrong with a tarball's file list (paths relative to the package root): test files,
 * JavaScript without declarations, export targets that point at nothing.
 */
export function packedFilesProblems(manifest: Json, paths: readonly string[]): string[] {
  const files = new Set(paths);
  const problems: string[] = [];
  for (const path of paths.filter(isTestFile)) problems.push(`ships test file ${path}`);
  if (!files.has("README.md")) problems.push("ships no README.md");
  for (const path of paths.filter((p) => p.startsWith("dist/") && p.endsWith(".js"))) {
    const declaration = path.replace(/\.js$/, ".d.ts");
    if (!files.has(declaration)) problems.push(`${path} has no ${declaration}`);
  }
  const exportsMap = isObject(manifest["exports"]) ? manifest["exports"] : {};
  for (const [subpath, target] of Object.entries(exportsMap)) {
    const targets = typeof target === "string" ? { default: target } : isObject(target) ? target : {};
    const resolved = Object.entries(targets).filter((entry): entry is [string, string] => typeof entry[1] === "string");
    if (subpath.includes("*")) {
      const sets = resolved.map(([condition, pattern]) => ({ condition, matches: patternMatches(pattern, files).sort() }));
      const first = sets[0];
      if (first === undefined || first.matches.length === 0) problems.push(`exports["${subpath}"] matches no file`);
      for (const other of sets.slice(1)) {
        if (first !== undefined && other.matches.join() !== first.matches.join()) {
          problems.push(`exports["${subpath}"]: "${other.condition}" resolves ${other.matches.length} subpaths, "${first.condition}" ${first.matches.length}`);
        }
      }
    } else {
      for (const [condition, file] of resolved) {
        if (!files.has(file.replace(/^\.\//, ""))) problems.push(`exports["${subpath}"].${condition} points at missing ${file}`);
      }
    }
  }
  return problems;
}
