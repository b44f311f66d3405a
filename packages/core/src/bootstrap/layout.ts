import { posix } from "node:path";

/** Where the bootstrap files go inside the output root (`generated/`). */
export const bootstrapLayout = {
  helmfileDir: "bootstrap/helmfile.d",
  /** Phase 0: CRDs only, rendered with `helmfile template`, never synced. */
  crds: "bootstrap/helmfile.d/00-crds.yaml",
  /** Phase 1: the releases that must run before Flux can, synced with `helmfile sync`. */
  core: "bootstrap/helmfile.d/01-core.yaml",
  clusterDir: (cluster: string) => `bootstrap/clusters/${cluster}`,
  /** The Helm values of one phase 1 release, identical to its HelmRelease's `spec.values`. */
  values: (cluster: string, release: string) => `bootstrap/clusters/${cluster}/${release}.yaml`,
  /** Phase 0 CRD manifests (name, url), applied before the CRD charts. */
  crdManifests: (cluster: string) => `bootstrap/clusters/${cluster}/crd-manifests.yaml`,
  /** The `op inject` template of the secrets that must exist before phase 0. */
  secrets: (cluster: string) => `bootstrap/clusters/${cluster}/secrets.yaml.tpl`,
} as const;

/** A path as helmfile resolves it: relative to the directory of the state file. */
export const fromHelmfileDir = (path: string): string => posix.relative(bootstrapLayout.helmfileDir, path);
