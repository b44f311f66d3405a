import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { kubectlRequired, writeFileMap } from "@k8s-gitops/core/testing";
import { formatProblemLine } from "./problems.js";
import type { VerifyReport } from "./report.js";
import { type VerifyOptions, verifyTree } from "./verify-tree.js";

/** A tree as `path → content`. */
export type FileMap = Readonly<Record<string, string>>;

/** Writes a file map into a fresh temp folder. */
export function writeTree(files: FileMap): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "k8s-gitops-verify-test-"));
  writeFileMap(dir, files);
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Runs {@link verifyTree} on a file map; returns the report and its problem lines. Helm rendering
 * is off unless `options.render` is true (the tests of helm-render*.ts and values-matter.ts cover it).
 */
export async function verifyFiles(files: FileMap, options: VerifyOptions = {}): Promise<{ report: VerifyReport; lines: string[] }> {
  const { dir, cleanup } = writeTree(files);
  try {
    // Caches off unless asked: each test sees the cold path and writes nothing to the user's cache.
    const report = await verifyTree(dir, { render: false, kustomizeCache: null, verdictCache: null, ...options });
    return { report, lines: report.problems.map(formatProblemLine) };
  } finally {
    cleanup();
  }
}

/**
 * verify needs kubectl (skipped without it outside CI, see kubectlRequired) and the upstream schemas,
 * which are never a reason to skip: without them verify fails, as requireSharedData does.
 */
export const canVerify = (): boolean => kubectlRequired();

const kustomization = (...resources: string[]): string =>
  `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n${resources.map((r) => `  - ${r}\n`).join("")}`;

/** A Flux Kustomization reading from the repository the FluxInstance syncs. */
export const fluxKustomization = (name: string, path: string, extra = ""): string => `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: ${name}
  namespace: flux-system
spec:
  interval: 10m
  path: ./generated/${path}
  prune: true
  sourceRef:
    kind: GitRepository
    name: flux-system
    namespace: flux-system
${extra}`;

/**
 * The smallest tree that passes every check: cluster `demo` syncs `kubernetes/clusters/demo`
 * through a FluxInstance, which a Flux Kustomization applies; a second one applies a web app
 * (HelmRelease from an OCIRepository, a ConfigMap) into namespace `web`; one Talos patch.
 */
export function minimalTree(): Record<string, string> {
  return {
    "kubernetes/clusters/demo/kustomization.yaml": kustomization("./namespaces.yaml", "../../apps/demo"),
    "kubernetes/clusters/demo/namespaces.yaml":
      "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: flux-system\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: web\n",
    "kubernetes/apps/demo/kustomization.yaml": kustomization("./flux/ks.yaml", "./web/ks.yaml"),
    "kubernetes/apps/demo/flux/ks.yaml": fluxKustomization("flux-instance", "kubernetes/apps/demo/flux/app", "  targetNamespace: flux-system\n"),
    "kubernetes/apps/demo/flux/app/kustomization.yaml": kustomization("./fluxinstance.yaml"),
    "kubernetes/apps/demo/flux/app/fluxinstance.yaml": `apiVersion: fluxcd.controlplane.io/v1
kind: FluxInstance
metadata:
  name: flux
spec:
  distribution:
    version: 2.9.4
    registry: ghcr.io/fluxcd
  sync:
    kind: GitRepository
    url: ssh://git@github.com/example/demo.git
    ref: refs/heads/main
    path: ./generated/kubernetes/clusters/demo
`,
    "kubernetes/apps/demo/web/ks.yaml": fluxKustomization(
      "web",
      "kubernetes/apps/demo/web/app",
      "  targetNamespace: web\n  dependsOn:\n    - name: flux-instance\n",
    ),
    "kubernetes/apps/demo/web/app/kustomization.yaml": kustomization("./helmrelease.yaml", "./ocirepository.yaml", "./configmap.yaml"),
    "kubernetes/apps/demo/web/app/helmrelease.yaml": `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: cert-manager
spec:
  interval: 30m
  chartRef:
    kind: OCIRepository
    name: cert-manager
  values:
    replicaCount: 2
    podDisruptionBudget:
      enabled: true
`,
    "kubernetes/apps/demo/web/app/ocirepository.yaml": `apiVersion: source.toolkit.fluxcd.io/v1
kind: OCIRepository
metadata:
  name: cert-manager
spec:
  interval: 15m
  ref:
    tag: v1.21.1
  url: oci://quay.io/jetstack/charts/cert-manager
`,
    "kubernetes/apps/demo/web/app/configmap.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-settings\ndata:\n  LOG_LEVEL: info\n",
    "talos/demo/cluster.yaml": "# Generated for the tests (cluster demo, Talos v1.13.9).\n---\ncluster:\n  clusterName: demo\n",
  };
}

/** Adds `- resource` to the resources list of `<dir>/kustomization.yaml` (its last list). */
export function addResource(files: Record<string, string>, dir: string, resource: string): void {
  files[`${dir}/kustomization.yaml`] = `${files[`${dir}/kustomization.yaml`] ?? ""}  - ${resource}\n`;
}
