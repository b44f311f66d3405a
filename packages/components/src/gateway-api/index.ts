import { GitRepository } from "@kubernetes-models/flux-cd/source.toolkit.fluxcd.io/v1";
import { defineComponent, fluxDefaults, fluxKustomization, type ClusterContext, type Component } from "@k8s-gitops/core";
import { crdPath, gatewayApiRelease, type GatewayApiRelease } from "./release.js";

export { crdPath, gatewayApiRelease, installManifestUrl, type GatewayApiRelease } from "./release.js";

export type GatewayApiCrdsStage = "app";

export interface GatewayApiCrdsProps {
  /** Another pin, e.g. to try a newer release on one cluster first. @default gatewayApiRelease */
  readonly release?: GatewayApiRelease;
}

const name = "gateway-api-crds";
const namespace = "kube-system";
/** The GitRepository holding the upstream release. */
export const gatewayApiSourceName = "gateway-api";
/** The Flux Kustomization applying the CRDs; the stage is healthy once it is Ready. */
export const gatewayApiCrdsKustomizationName = "gateway-api-standard-crds";

/**
 * The Gateway API CRDs, standard channel, straight from kubernetes-sigs/gateway-api at a release
 * tag: a GitRepository (sparse checkout of the CRD folder) and a Flux Kustomization applying it.
 *
 * Why not the wiremind `gateway-api-crds` chart most home-ops repos use: it repackages the
 * experimental channel only (alpha fields, `x-k8s.io` kinds, no upgrade guarantees), and it
 * lags upstream releases. Cilium 1.20 requires only standard kinds (GatewayClass, Gateway,
 * HTTPRoute, GRPCRoute, ReferenceGrant; TLSRoute is optional and standard since v1.5), so the
 * experimental TLSRoute/TCPRoute CRDs are not installed.
 *
 * CRDs are never pruned: deleting one deletes every Gateway and route of the cluster with it.
 */
export function gatewayApiCrds(_context: ClusterContext, props: GatewayApiCrdsProps = {}): Component<GatewayApiCrdsStage> {
  const release = props.release ?? gatewayApiRelease;
  const path = crdPath(release);
  const source = new GitRepository({
    metadata: { name: gatewayApiSourceName },
    spec: {
      interval: fluxDefaults.repositoryInterval,
      url: release.repository,
      ref: { tag: release.version },
      sparseCheckout: [path],
    },
  });
  const crds = fluxKustomization({
    name: gatewayApiCrdsKustomizationName,
    namespace,
    path: `./${path}`,
    prune: false,
    wait: true,
    sops: false,
    spec: { sourceRef: { kind: "GitRepository", name: gatewayApiSourceName, namespace } },
  });
  return defineComponent({
    name,
    namespace,
    area: "infrastructure",
    category: "network",
    stages: [
      {
        name: "app",
        resources: [source, crds],
        healthChecks: [{ apiVersion: crds.apiVersion, kind: crds.kind, name: gatewayApiCrdsKustomizationName, namespace }],
      },
    ],
  });
}
