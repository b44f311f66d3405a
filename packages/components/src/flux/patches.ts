import type { KustomizePatch } from "./values.js";

const reconcilers = "(kustomize-controller|helm-controller|source-controller)";

/** JSON6902 `add` operations appending arguments to the controller container. */
const appendArgs = (args: readonly string[]): string =>
  args.map((arg) => `- op: add\n  path: /spec/template/spec/containers/0/args/-\n  value: ${arg}\n`).join("");

/**
 * The decryption design (docs/decryption.md): one age key for the whole cluster, in Secret
 * `flux-system/<secretName>` from the bootstrap, read by kustomize-controller through its flag
 * `--sops-age-secret` ("a Kubernetes secret in the RUNTIME_NAMESPACE containing a SOPS age
 * decryption key for fallback usage", main.go since v1.7.0). Every Kustomization sets
 * `decryption.provider: sops` without `secretRef`; with a `secretRef` the controller would read the
 * Secret from the Kustomization's own namespace (internal/decryptor/decryptor.go ImportKeys), where
 * it does not exist for anything outside flux-system.
 */
export function sopsAgeSecretPatch(secretName: string): KustomizePatch {
  return { target: { kind: "Deployment", name: "kustomize-controller" }, patch: appendArgs([`--sops-age-secret=${secretName}`]) };
}

/** Decrypt SOPS files in the root `flux-system` Kustomization too, with the controller-wide key like every other Kustomization. */
export function sopsDecryptionPatch(syncName: string): KustomizePatch {
  return {
    target: { group: "kustomize.toolkit.fluxcd.io", kind: "Kustomization", name: syncName },
    patch: "- op: add\n  path: /spec/decryption\n  value:\n    provider: sops\n",
  };
}

/**
 * Controller tuning for a small bare-metal estate with a few hundred objects (layout notes (a)):
 * more workers and a 5s dependency requeue so chains of Kustomizations converge in seconds, not
 * minutes; a higher memory limit for Helm and kustomize builds; kustomize builds in tmpfs; and
 * helm-controller's OOM watch, which fails a release cleanly instead of being OOM-killed mid-upgrade.
 */
export const controllerTuningPatches: readonly KustomizePatch[] = [
  {
    target: { kind: "Deployment", name: reconcilers },
    patch: appendArgs(["--concurrent=10", "--requeue-dependency=5s"]),
  },
  {
    target: { kind: "Deployment", name: reconcilers },
    patch:
      "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: all\nspec:\n  template:\n    spec:\n      containers:\n" +
      "        - name: manager\n          resources:\n            limits:\n              memory: 1Gi\n",
  },
  {
    // A strategic merge on the volume by name, so the patch survives upstream reordering of volumes.
    target: { kind: "Deployment", name: "kustomize-controller" },
    patch:
      "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: kustomize-controller\nspec:\n  template:\n    spec:\n      volumes:\n" +
      "        - name: temp\n          emptyDir:\n            medium: Memory\n",
  },
  {
    target: { kind: "Deployment", name: "helm-controller" },
    patch: appendArgs(["--feature-gates=OOMWatch=true", "--oom-watch-memory-threshold=95", "--oom-watch-interval=500ms"]),
  },
];
