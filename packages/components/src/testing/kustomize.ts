import type { GeneratedFile } from "@k8s-gitops/core";
import { estateOutputDir, kustomizeFailuresOf } from "@k8s-gitops/core/testing";

/**
 * `kubectl kustomize` on every folder of a component's render holding a kustomization.yaml, less the
 * folders `pnpm verify` (turbo task scripts#verify) builds in the committed generated/ from exactly
 * the same inputs (kustomizeFailuresOf, `coveredBy`). Sound here because generated/kubernetes is an
 * input of components#test (turbo.json): when it changes, these tests run again. Returns
 * `dir: first line of the error` per failure.
 */
export const kustomizeFailures = (files: readonly GeneratedFile[]): string[] => kustomizeFailuresOf(files, { coveredBy: estateOutputDir() });
