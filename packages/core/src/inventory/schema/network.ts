import { z } from "zod";
import { asn, dnsLabel, hostOrAddress, ipv4Address, ipv4Cidr } from "./formats.js";

export const bgpPeerSchema = z
  .strictObject({
    name: dnsLabel.describe("Name of the peer, e.g. srx320."),
    address: ipv4Address.describe("IPv4 address the nodes peer with."),
    asn: asn.describe("ASN of the peer; must differ from the local ASN (eBGP)."),
  })
  .describe("A BGP neighbour, usually the router.");

export const bgpSchema = z
  .strictObject({
    localASN: asn.describe("ASN of this cluster's nodes (Cilium BGP control plane); 1..4294967295, not 23456."),
    peers: z.array(bgpPeerSchema).min(1).describe("BGP neighbours that receive the LoadBalancer routes."),
  })
  .describe("BGP peering that advertises LoadBalancer addresses to the router.");

export const loadBalancerPoolSchema = z
  .strictObject({
    name: dnsLabel.describe("Name of the Cilium LoadBalancer IP pool."),
    cidr: ipv4Cidr.describe("Range of the pool; must lie in the LoadBalancer subnet."),
  })
  .describe("A LoadBalancer IP pool.");

export const fixedLoadBalancerIPsSchema = z
  .strictObject({
    internalGateway: ipv4Address.describe("Address of the internal Gateway (LAN-only routes)."),
    externalGateway: ipv4Address.describe("Address of the external Gateway (routes published to the internet)."),
    clustermeshApiServer: ipv4Address.describe("Address of the ClusterMesh API server the other cluster connects to."),
  })
  .describe("Well-known LoadBalancer addresses; each must lie in a pool and be unique.");

export const loadBalancerNetworkSchema = z
  .strictObject({
    subnet: ipv4Cidr.describe("Routed range advertised over BGP; must not overlap the node subnet."),
    pools: z.array(loadBalancerPoolSchema).min(1).describe("Pools carved out of the subnet; they must not overlap."),
    fixed: fixedLoadBalancerIPsSchema,
  })
  .describe("Addresses for Services of type LoadBalancer.");

export const switchesSchema = z
  .strictObject({
    names: z
      .array(dnsLabel.describe("Name of a top-of-rack switch, e.g. tor-1."))
      .min(1)
      .describe("The top-of-rack switches the nodes are cabled to; bond members name one of them."),
    mlag: z
      .boolean()
      .describe(
        "Whether the switches act as one LACP partner (a stack or an MLAG pair). Only then may an 802.3ad bond " +
          "span them; otherwise a bond across them must be active-backup.",
      ),
    jumboFrames: z
      .boolean()
      .describe("Whether the switches carry jumbo frames: links may then use MTU 9000, else at most 1500."),
  })
  .describe("The switch pair of the node LAN, which decides the bond mode and the largest MTU.");

export const clusterNetworkSchema = z
  .strictObject({
    nodeSubnet: ipv4Cidr.describe("The LAN the nodes live in; may be shared with other clusters."),
    gateway: ipv4Address.describe("Router address in the node subnet."),
    dns: z.array(ipv4Address.describe("A DNS resolver address.")).min(1).describe("DNS resolvers of the nodes, in order."),
    ntp: z
      .array(hostOrAddress.describe("An NTP server name or address."))
      .min(1)
      .describe("NTP servers of the nodes, in order."),
    podCIDR: ipv4Cidr.describe("Pod network; must not overlap any other range of any cluster (ClusterMesh)."),
    serviceCIDR: ipv4Cidr.describe("Service network; must not overlap any other range of any cluster."),
    clusterDNS: ipv4Address.describe("ClusterIP of the cluster DNS Service; inside serviceCIDR, conventionally .10."),
    bgp: bgpSchema,
    loadBalancer: loadBalancerNetworkSchema,
    switches: switchesSchema.optional(),
  })
  .describe("Cluster-wide network plan.");
