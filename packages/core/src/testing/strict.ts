import { parseAllDocuments } from "yaml";
import type { GeneratedFile } from "../files/index.js";
import { KubeSchemaValidator, describeProblem } from "../schemas/index.js";
import { requireSharedData } from "./shared-data.js";

let validator: KubeSchemaValidator | undefined;

/** Kinds without a published schema; everything else must validate. */
export const kindsWithoutSchema = new Set(["Kustomization:kustomize.config.k8s.io/v1beta1", "Component:kustomize.config.k8s.io/v1alpha1"]);

/**
 * Strictly validates every Kubernetes document of the YAML files (kubeconform rules plus
 * unknown top-level keys). Returns one line per problem; empty means valid. Throws when the
 * schemas are missing ({@link requireSharedData}), so a strict-validation test cannot pass vacuously.
 */
export function strictProblems(files: readonly Pick<GeneratedFile, "path" | "content">[], skip: ReadonlySet<string> = new Set()): string[] {
  validator ??= new KubeSchemaValidator(requireSharedData("schemas"));
  const problems: string[] = [];
  for (const file of files) {
    if (!/\.ya?ml$/.test(file.path)) continue;
    for (const document of parseAllDocuments(file.content, { uniqueKeys: true })) {
      const doc = document.toJS() as { apiVersion?: string; kind?: string } | null;
      if (!doc || typeof doc !== "object" || !doc.kind || !doc.apiVersion) continue;
      const key = `${doc.kind}:${doc.apiVersion}`;
      if (kindsWithoutSchema.has(key) || skip.has(doc.kind)) continue;
      for (const problem of validator.validate(doc)) problems.push(`${file.path}: ${describeProblem(doc, problem)}`);
    }
  }
  return problems;
}
