import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { GeneratedFile } from "../files/index.js";

/** Writes files into a fresh temp dir (for tests that run real tools on rendered output). */
export function materialize(files: readonly GeneratedFile[]): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "k8s-gitops-"));
  for (const file of files) {
    mkdirSync(dirname(join(dir, file.path)), { recursive: true });
    writeFileSync(join(dir, file.path), file.content);
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `kubectl kustomize <dir>`; throws with kustomize's message when the build fails. */
export function kustomizeBuild(dir: string): string {
  return execFileSync("kubectl", ["kustomize", dir], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

export function hasKubectl(): boolean {
  try {
    execFileSync("kubectl", ["version", "--client"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/**
 * Materializes the files and runs `kubectl kustomize` on every folder holding a
 * kustomization.yaml. Returns `dir: first line of the error` per failure (empty = all build).
 */
export function kustomizeFailuresOf(files: readonly GeneratedFile[]): string[] {
  const { dir, cleanup } = materialize(files);
  try {
    return files
      .filter((file) => file.path.endsWith("kustomization.yaml"))
      .map((file) => file.path.slice(0, -"/kustomization.yaml".length))
      .flatMap((folder) => {
        try {
          kustomizeBuild(join(dir, folder));
          return [];
        } catch (error) {
          const stderr = (error as { stderr?: string }).stderr ?? String(error);
          return [`${folder}: ${stderr.trim().split("\n")[0]}`];
        }
      });
  } finally {
    cleanup();
  }
}

/** Tests that need kubectl run whenever it is installed, and always in CI (where its absence is a failure). */
export const kubectlRequired = (): boolean => hasKubectl() || Boolean(process.env.CI);
