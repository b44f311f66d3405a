import { UserError, showValue } from "@k8s-gitops/core/errors";

/** A parsed Talos release version (`v1.13.9`, pre-releases such as `v1.14.0-rc.1` allowed). */
export interface TalosVersion {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  /** The version as written, e.g. `v1.13.9`. */
  readonly tag: string;
}

/** The oldest Talos release the generator supports: user volumes (`UserVolumeConfig`) appeared in v1.10. */
export const minimumTalosVersion = "v1.10.0";

/**
 * Parses a Talos version. Throws a UserError naming `field` when the text is not a version or is
 * older than {@link minimumTalosVersion}.
 */
export function parseTalosVersion(text: string, field = "cluster.talosVersion"): TalosVersion {
  const match = /^v(\d+)\.(\d+)\.(\d+)(-[0-9A-Za-z.-]+)?$/.exec(text);
  if (match === null) {
    throw new UserError(`${field}: ${showValue(text)} is not a Talos version (expected e.g. v1.13.9)`);
  }
  const version = { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]), tag: text };
  if (!atLeast(version, 1, 10)) {
    throw new UserError(`${field}: Talos ${showValue(text)} is not supported (expected ${minimumTalosVersion} or newer)`);
  }
  return version;
}

function atLeast(version: Pick<TalosVersion, "major" | "minor">, major: number, minor: number): boolean {
  return version.major > major || (version.major === major && version.minor >= minor);
}

/**
 * What the generated configuration may use, by Talos version. Every version-dependent choice
 * of the generator reads this table, so supporting a new release means editing one place.
 */
export interface TalosFeatures {
  /**
   * v1.12+: network, resolver and time settings are separate documents (`HostnameConfig`,
   * `LinkAliasConfig`, `LinkConfig`, `BondConfig`, `VLANConfig`, `Layer2VIPConfig`, `ResolverConfig`,
   * `TimeSyncConfig`); `machine.network` and `machine.time` are deprecated and gone from the schema.
   */
  readonly multiDocNetwork: boolean;
  /** v1.12+: registry mirrors are `RegistryMirrorConfig` documents instead of `machine.registries`. */
  readonly registryMirrorDocument: boolean;
  /** v1.12+: a `UserVolumeConfig` may take a whole disk (`volumeType: disk`) instead of a partition. */
  readonly wholeDiskUserVolume: boolean;
  /** v1.10+: the Image Factory serves platform-specific installers (`metal-installer`). */
  readonly platformInstaller: boolean;
}

/** The feature table for one Talos version. */
export function talosFeatures(version: TalosVersion): TalosFeatures {
  return {
    multiDocNetwork: atLeast(version, 1, 12),
    registryMirrorDocument: atLeast(version, 1, 12),
    wholeDiskUserVolume: atLeast(version, 1, 12),
    platformInstaller: atLeast(version, 1, 10),
  };
}

/** True when the version configures the network with multi-doc documents (v1.12+). */
export function supportsMultiDocNetwork(version: string): boolean {
  return talosFeatures(parseTalosVersion(version, "talosVersion")).multiDocNetwork;
}
