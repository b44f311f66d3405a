import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { findRepoRoot, resolveSchemaRoot, schemasDirEnv } from "../schemas/index.js";

/** Data outside the repository that tests read: the upstream schemas and the packaged Helm charts. */
export type SharedData = "schemas" | "charts";

/** `<repo>/../shared/charts`: the chart archives, `<chart>/<chart>-<version>.tgz`. */
export function sharedChartsDir(): string {
  const root = findRepoRoot(dirname(fileURLToPath(import.meta.url)));
  if (root === undefined) throw new Error("cannot find the repository root (pnpm-workspace.yaml) above core/testing");
  return join(root, "..", "shared", "charts");
}

/**
 * The folder holding `kind`, for a test that reads it. Such a test never skips: when the data is
 * missing it throws, naming what is missing and how to get it, so a machine without the data fails
 * (and turbo never caches a run that checked nothing as a pass). Call it where the data is first
 * needed: inside a test, or in a `describe` body to fail the whole suite.
 * @throws Error when the schemas ({@link resolveSchemaRoot}) or the chart archives are missing
 */
export function requireSharedData(kind: SharedData): string {
  if (kind === "schemas") {
    try {
      return resolveSchemaRoot();
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new Error(`this test reads the upstream schemas, which are missing (run \`k8s-gitops fetch schemas\` or set ${schemasDirEnv}): ${detail}`);
    }
  }
  const dir = sharedChartsDir();
  if (!existsSync(dir) || !readdirSync(dir).some((name) => !name.endsWith(".md"))) {
    throw new Error(`this test reads the packaged Helm charts, which are missing: ${dir} holds no <chart>/<chart>-<version>.tgz`);
  }
  return dir;
}
