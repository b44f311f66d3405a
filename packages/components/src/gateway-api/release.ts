/**
 * Where the Gateway API CRDs come from: the upstream kubernetes-sigs repository, standard channel,
 * at a release tag. One pin, read by the Flux objects of {@link gatewayApiCrds} and by the
 * bootstrap phase 0, which must install the very same CRDs before Cilium's operator starts.
 */
export interface GatewayApiRelease {
  /** Git URL of kubernetes-sigs/gateway-api. */
  readonly repository: string;
  /** Release tag, e.g. `v1.6.1`. */
  readonly version: string;
  /** Release channel. Only `standard` is offered: it is all Cilium needs (see index.ts). */
  readonly channel: "standard";
}

/**
 * Gateway API v1.6.1 is the version Cilium 1.20 implements and runs its conformance suite
 * against (release notes: "Cilium moves from Gateway API v1.4 to v1.6.1"). Bump it together with
 * the Cilium chart, never ahead of it: the operator writes status fields of the version it was
 * built with, and newer CRDs may reject or drop them.
 */
export const gatewayApiRelease: GatewayApiRelease = {
  repository: "https://github.com/kubernetes-sigs/gateway-api",
  // renovate: datasource=github-releases depName=kubernetes-sigs/gateway-api
  version: "v1.6.1",
  channel: "standard",
};

/** Folder of the release's CRDs inside the repository, e.g. `config/crd/standard`. */
export function crdPath(release: GatewayApiRelease): string {
  return `config/crd/${release.channel}`;
}

/**
 * The single-file manifest published with the release (`standard-install.yaml`): the same CRDs
 * as {@link crdPath}, for `kubectl apply --server-side -f <url>` in the bootstrap phase 0.
 */
export function installManifestUrl(release: GatewayApiRelease): string {
  return `${release.repository}/releases/download/${release.version}/${release.channel}-install.yaml`;
}
