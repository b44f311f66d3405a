import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import { findPlainSecrets, type GeneratedFile } from "@k8s-gitops/core";
import { formatProblem, validateTalosDocument } from "@k8s-gitops/core/schemas";
import { parseAllDocuments } from "yaml";
import { strictProblems } from "@k8s-gitops/core/testing";

const run = promisify(execFile);

/** Every file below `root` as a GeneratedFile (scope unknown), skipping the writer's scratch dir. */
export function readTree(root: string): GeneratedFile[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.parentPath.includes(".k8s-gitops-work"))
    .map((entry) => {
      const path = join(entry.parentPath, entry.name);
      return { path: relative(root, path).split("\\").join("/"), content: readFileSync(path, "utf8"), scope: "" };
    })
    .sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** Folders holding a kustomization.yaml below `kubernetes/`. */
export function kustomizationDirs(files: readonly Pick<GeneratedFile, "path">[]): string[] {
  return files
    .filter((f) => f.path.startsWith("kubernetes/") && f.path.endsWith("/kustomization.yaml"))
    .map((f) => f.path.slice(0, -"/kustomization.yaml".length))
    .sort();
}

/**
 * Runs `kubectl kustomize` on every folder (two at a time: the machine has two cores) and
 * returns `dir: message` for each failure.
 */
export async function kustomizeFailures(root: string, dirs: readonly string[], concurrency = 2): Promise<string[]> {
  const failures: string[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < dirs.length) {
      const dir = dirs[next++]!;
      try {
        await run("kubectl", ["kustomize", join(root, dir)], { maxBuffer: 64 * 1024 * 1024 });
      } catch (error) {
        const stderr = (error as { stderr?: string }).stderr ?? String(error);
        failures.push(`${dir}: ${stderr.trim().split("\n")[0]}`);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return failures.sort();
}

/** Strict schema problems of every Kubernetes document below `kubernetes/`. */
export function schemaFailures(files: readonly GeneratedFile[]): string[] {
  return strictProblems(files.filter((f) => f.path.startsWith("kubernetes/")));
}

/** Secrets with real values: not SOPS-encrypted in manifests, not `op://` references in templates. */
export function plainSecretFiles(files: readonly GeneratedFile[]): string[] {
  return findPlainSecrets(files);
}

/**
 * Talos patch documents under `talos/<cluster>/` (not the schematic) checked against the Talos
 * schema of the version named in each file's header.
 */
export function talosFailures(files: readonly GeneratedFile[]): string[] {
  return files
    .filter((f) => /^talos\/[^/]+\/(cluster|nodes\/[^/]+)\.yaml$/.test(f.path))
    .flatMap((file) => {
      const version = /Talos (v\d+\.\d+\.\d+)/.exec(file.content)?.[1];
      if (!version) return [`${file.path}: the header does not name the Talos version`];
      return parseAllDocuments(file.content).flatMap((doc) =>
        validateTalosDocument(doc.toJS(), version).map((problem) => `${file.path}: ${formatProblem(problem)}`),
      );
    });
}
