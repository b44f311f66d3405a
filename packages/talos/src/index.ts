export { renderTalos, talosDir } from "./render.js";
export { certSANs, clusterEndpoint, clusterPatch, kubePrismPort, talosApiNamespaces } from "./cluster-patch.js";
export { labelValue, nodeLabels, nodePatch, rackLabel } from "./node-patch.js";
export {
  bondMemberName,
  hostnameDocument,
  legacyNodeNetwork,
  linkSelectorMatch,
  networkDocuments,
  resolverDocument,
  talosLinkName,
  timeSyncDocument,
  vipLink,
  vlanLinkName,
} from "./network.js";
export { diskByIdMatch, installDiskSelector, localVolumeKubeletMount, userVolumeDocument, userVolumeMountPath } from "./disks.js";
export {
  canonicalSchematicYaml,
  clusterSchematic,
  installerImage,
  schematicFileContent,
  schematicId,
  systemExtensionsFor,
  type Schematic,
  type SystemExtension,
} from "./schematic.js";
export { kernelModules, sysctls, type HostSetting } from "./host-tuning.js";
export { minimumTalosVersion, parseTalosVersion, supportsMultiDocNetwork, talosFeatures, type TalosFeatures, type TalosVersion } from "./version.js";
export { scanForSecrets, type SecretFinding } from "./secret-scan.js";
export type { RegistryMirror, TalosDocument, TalosOptions } from "./types.js";
