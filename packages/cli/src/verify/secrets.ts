import { posix } from "node:path";
import { findPlainSecrets, sopsProblems } from "@k8s-gitops/core/bootstrap";
import { stringify } from "yaml";
import { scanForCredentials, scannerSelfTest } from "./credentials.js";
import type { BuildResult } from "./kustomize.js";
import { kindOf } from "./objects.js";
import { type Problem, problem } from "./problems.js";
import type { TreeFile } from "./tree.js";

/** core's checks answer `file: message`; split it so the problem names the file once. */
function fromLine(line: string, fallbackFile: string): Problem {
  const split = line.indexOf(": ");
  return split < 0 ? problem("secret", fallbackFile, line) : problem("secret", line.slice(0, split), line.slice(split + 2));
}

/** `Secret ns/name holds ...` → `name` (kustomize may have set the namespace). */
const secretName = (message: string): string => /^Secret (?:[^\s/]+\/)?(\S+) /.exec(message)?.[1] ?? message;

/** The SOPS configuration file is called `.sops.yaml` too, but holds rules, not secrets. */
const isSopsFile = (path: string): boolean => /\.sops\.ya?ml$/.test(path) && !/^\.sops\.ya?ml$/.test(posix.basename(path));

/**
 * Secrets in the files of the tree:
 * - no Secret with data/stringData that is not SOPS-encrypted (`op inject` templates: `op://` only);
 * - every `*.sops.yaml` really encrypted (SOPS metadata with a MAC, every selected value `ENC[...]`);
 * - no private key, known token shape or literal password-like value in any file.
 */
export function checkSecretFiles(files: readonly TreeFile[]): Problem[] {
  const problems = findPlainSecrets(files).map((line) => fromLine(line, ""));
  for (const file of files.filter((f) => isSopsFile(f.path))) problems.push(...sopsProblems(file.path, file.content).map((line) => fromLine(line, file.path)));
  for (const file of files) {
    for (const finding of scanForCredentials(file.path, file.content)) {
      problems.push(problem("secret", file.path, `${finding.where}: ${finding.what}; store it encrypted (*.sops.yaml) or as a reference (op://, ExternalSecret)`));
    }
  }
  return problems;
}

/**
 * Plain Secrets that only exist in build outputs (a kustomize secretGenerator, say); Secrets
 * already reported for their file (`fileProblems`) are not repeated.
 */
export function checkSecretBuilds(builds: readonly BuildResult[], fileProblems: readonly Problem[]): Problem[] {
  const inFiles = new Set(fileProblems.map((p) => secretName(p.message)));
  const problems: Problem[] = [];
  for (const build of builds) {
    const secrets = build.documents.filter((doc) => kindOf(doc) === "Secret" || kindOf(doc) === "List");
    if (secrets.length === 0) continue;
    const content = secrets.map((doc) => stringify(doc)).join("---\n");
    for (const line of findPlainSecrets([{ path: `${build.dir}/kustomization.yaml`, content }])) {
      const found = fromLine(line, build.dir);
      if (!inFiles.has(secretName(found.message))) problems.push(problem("secret", found.file, `${found.message} in the build output`));
    }
  }
  return problems;
}

/** The credential scanner must find every planted sample, so it cannot silently go blind. */
export function checkScanner(): Problem[] {
  const blind = scannerSelfTest();
  return blind.length === 0 ? [] : [problem("secret", "packages/cli/src/verify/credentials.ts", `the scanner misses planted samples of: ${blind.join(", ")}`)];
}
