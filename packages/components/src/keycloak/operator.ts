import { Kustomization } from "@kubernetes-models/flux-cd/kustomize.toolkit.fluxcd.io/v1/Kustomization";
import { GitRepository } from "@kubernetes-models/flux-cd/source.toolkit.fluxcd.io/v1/GitRepository";
import { fluxDefaults, type HealthCheck, type SharedTree } from "@k8s-gitops/core";

/**
 * One pin, one place: the Keycloak Operator release. Upstream ships it as plain manifests in
 * keycloak/keycloak-k8s-resources, tagged per release; the operator deploys the Keycloak server
 * image of the same version.
 */
export const operatorRelease = {
  url: "https://github.com/keycloak/keycloak-k8s-resources",
  // renovate: datasource=github-tags depName=keycloak/keycloak-k8s-resources
  tag: "26.7.3",
} as const;

/** Name of the cluster-agnostic base (`kubernetes/bases/keycloak-operator`). */
export const operatorBase = "keycloak-operator";

/**
 * Upstream's `kubernetes.yml` binds the operator's ClusterRole to ServiceAccount `keycloak/keycloak-operator`
 * (a hard-coded namespace), so the operator only works in namespace `keycloak`.
 */
export const operatorNamespace = "keycloak";

/**
 * Keeps exactly the operator's manifests. Since 26.7 `kubernetes/` holds a `kustomization.yml`
 * (all CRDs, `kubernetes.yml`, namespace `keycloak`), which Flux uses as is; it sits next to
 * `minikube.yml`, `openshift.yml` and `cluster-wide/`, which must never be applied. Listing the
 * files here keeps the artifact valid even for a tag without the kustomization (Flux then
 * generates one from what is left), and keeps the rest of the repository out of the artifact.
 */
export const operatorIgnore = [
  "/*",
  "!/kubernetes/",
  "/kubernetes/*",
  "!/kubernetes/kustomization.yml",
  "!/kubernetes/*.k8s.keycloak.org-v1.yml",
  "!/kubernetes/kubernetes.yml",
].join("\n");

/** The Flux Kustomization that applies the upstream manifests (CRDs first, then the operator). */
export const operatorHealthCheck: HealthCheck = {
  apiVersion: "kustomize.toolkit.fluxcd.io/v1",
  kind: "Kustomization",
  name: operatorBase,
  namespace: operatorNamespace,
};

/**
 * The operator as a reusable base: a GitRepository on the pinned tag and a nested Flux
 * Kustomization applying `./kubernetes` into namespace `keycloak`. `wait` makes it Ready only
 * once the CRDs are established and the operator Deployment is available, so the stage that
 * health-checks it gates every Keycloak custom resource.
 */
export function operatorBaseTree(): SharedTree {
  return {
    type: "base",
    name: operatorBase,
    resources: [
      new GitRepository({
        metadata: { name: operatorBase, namespace: operatorNamespace },
        spec: { interval: fluxDefaults.repositoryInterval, url: operatorRelease.url, ref: { tag: operatorRelease.tag }, ignore: operatorIgnore },
      }),
      new Kustomization({
        metadata: { name: operatorBase, namespace: operatorNamespace },
        spec: {
          interval: fluxDefaults.kustomizationInterval,
          retryInterval: fluxDefaults.retryInterval,
          timeout: fluxDefaults.timeout,
          sourceRef: { kind: "GitRepository", name: operatorBase },
          path: "./kubernetes",
          targetNamespace: operatorNamespace,
          prune: true,
          wait: true,
        },
      }),
    ],
  };
}
