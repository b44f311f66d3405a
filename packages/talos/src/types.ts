/**
 * One Talos machine-config document as plain data: the legacy `v1alpha1` patch (`machine`,
 * `cluster`, no `kind`) or a multi-doc document (`apiVersion: v1alpha1`, `kind`, ...).
 */
export type TalosDocument = Readonly<Record<string, unknown>>;

/** A registry mirror for containerd, e.g. a pull-through cache for `docker.io`. */
export interface RegistryMirror {
  /** Registry host the mirror stands in for, e.g. `docker.io`. */
  readonly registry: string;
  /** Mirror endpoints in order of preference, e.g. `https://zot.lab.example.net/v2/docker.io`. */
  readonly endpoints: readonly string[];
  /**
   * Use the endpoint path as given (no `/v2/` suffix), for caches that serve a registry under a path.
   * @default false
   */
  readonly overridePath?: boolean;
}

/** Settings of the Talos output that are not inventory data. */
export interface TalosOptions {
  /**
   * Installer image written to `machine.install.image`; overrides the Image Factory reference
   * computed from the cluster's schematic (e.g. for a self-hosted factory).
   * @default `factory.talos.dev/metal-installer/<schematic id>:<talosVersion>`
   */
  readonly installerImage?: string;
  /**
   * Registry mirrors for containerd. Nothing is written when empty, so nodes pull directly.
   * @default []
   */
  readonly registryMirrors?: readonly RegistryMirror[];
  /**
   * The cluster runs Spegel (peer-to-peer image mirror): containerd must keep the compressed
   * layers after unpacking them, or Spegel has nothing to serve to the other nodes.
   * @default false
   */
  readonly peerImageMirror?: boolean;
  /**
   * Keep Talos' own CoreDNS (do not write `cluster.coreDNS.disabled`), for a cluster that runs no
   * DNS component (`Cluster.keepTalosCoreDns`; the composition check requires one or the other).
   * @default false: CoreDNS comes from the coredns component, so Flux manages its version and values
   */
  readonly keepCoreDns?: boolean;
}
