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
