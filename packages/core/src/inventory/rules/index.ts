import {
  addressesInNodeSubnet,
  clusterDnsInServiceCidr,
  defaultGatewayOnOneLink,
  fixedIPsInPools,
  noAddressCollisions,
  nodeHasNodeAddress,
} from "./addresses.js";
import { internalDomainInZone, offsiteBackupOnWritableExport } from "./external.js";
import { peersInOtherAS, uniqueLocalASNs, uniquePeers } from "./bgp.js";
import { uniqueClusterIds, uniqueClusterNames, uniqueDisks, uniqueHostnames, uniqueMacAddresses } from "./identity.js";
import { bondMembersOnSwitches, bondModeFitsSwitches, consistentMtuPerSubnet, mtuWithinSwitches } from "./links.js";
import { externalDomainInZone, uniqueResourceNames } from "./names.js";
import { oddControlPlaneCount, uniqueLinksPerNode } from "./nodes.js";
import {
  disjointAcrossClusters,
  disjointClusterRanges,
  poolsInLoadBalancerSubnet,
  vlanAddressesOutsideRanges,
} from "./ranges.js";
import type { Rule } from "./rule.js";

export type { Rule, SourcedInventory } from "./rule.js";

/** Every cross-field and cross-cluster rule, run on the inventories that passed the schema. */
export const inventoryRules: readonly Rule[] = [
  uniqueClusterNames,
  uniqueClusterIds,
  uniqueHostnames,
  uniqueMacAddresses,
  uniqueDisks,
  oddControlPlaneCount,
  uniqueLinksPerNode,
  bondMembersOnSwitches,
  bondModeFitsSwitches,
  mtuWithinSwitches,
  consistentMtuPerSubnet,
  addressesInNodeSubnet,
  nodeHasNodeAddress,
  defaultGatewayOnOneLink,
  noAddressCollisions,
  fixedIPsInPools,
  clusterDnsInServiceCidr,
  disjointClusterRanges,
  disjointAcrossClusters,
  poolsInLoadBalancerSubnet,
  vlanAddressesOutsideRanges,
  peersInOtherAS,
  uniqueLocalASNs,
  uniquePeers,
  externalDomainInZone,
  internalDomainInZone,
  offsiteBackupOnWritableExport,
  uniqueResourceNames,
];
