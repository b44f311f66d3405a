import { CiliumBGPAdvertisement } from "@kubernetes-models/cilium/cilium.io/v2/CiliumBGPAdvertisement";
import { CiliumBGPClusterConfig } from "@kubernetes-models/cilium/cilium.io/v2/CiliumBGPClusterConfig";
import { CiliumBGPPeerConfig } from "@kubernetes-models/cilium/cilium.io/v2/CiliumBGPPeerConfig";
import type { Inventory } from "@k8s-gitops/core";

/** Label tying the advertisement to the peer config's address families. */
const advertiseLabel = { advertise: "bgp" } as const;

/** A Service labelled `bgp.k8s-gitops.io/advertise: "false"` keeps its address off the router. */
export const advertiseOptOutLabel = "bgp.k8s-gitops.io/advertise";

export const bgpNames = { cluster: "bgp", peer: "router", advertisement: "load-balancer-ips" } as const;

/**
 * BGP control plane v2: every node peers with the inventory's routers (the SRX320) and
 * advertises the LoadBalancer addresses of Services as /32 routes, so the router spreads
 * traffic over the nodes (ECMP) and withdraws a node the moment its session drops.
 */
export function bgpResources(inventory: Inventory): [CiliumBGPClusterConfig, CiliumBGPPeerConfig, CiliumBGPAdvertisement] {
  const { bgp } = inventory.network;
  return [
    new CiliumBGPClusterConfig({
      metadata: { name: bgpNames.cluster },
      spec: {
        nodeSelector: { matchLabels: { "kubernetes.io/os": "linux" } },
        bgpInstances: [
          {
            name: inventory.cluster.name,
            localASN: bgp.localASN,
            peers: bgp.peers.map((peer) => ({
              name: peer.name,
              peerASN: peer.asn,
              peerAddress: peer.address,
              peerConfigRef: { name: bgpNames.peer },
            })),
          },
        ],
      },
    }),
    new CiliumBGPPeerConfig({
      metadata: { name: bgpNames.peer },
      spec: {
        // Short timers: a dead node's routes disappear within 9 s instead of the default 90 s.
        timers: { holdTimeSeconds: 9, keepAliveTimeSeconds: 3, connectRetryTimeSeconds: 5 },
        // An agent restart (upgrade) keeps forwarding; the router holds the routes meanwhile.
        gracefulRestart: { enabled: true, restartTimeSeconds: 15 },
        families: [{ afi: "ipv4", safi: "unicast", advertisements: { matchLabels: { ...advertiseLabel } } }],
      },
    }),
    new CiliumBGPAdvertisement({
      metadata: { name: bgpNames.advertisement, labels: { ...advertiseLabel } },
      spec: {
        advertisements: [
          {
            advertisementType: "Service",
            service: { addresses: ["LoadBalancerIP"] },
            // An empty selector selects nothing; this one selects every Service not opted out.
            selector: { matchExpressions: [{ key: advertiseOptOutLabel, operator: "NotIn", values: ["false"] }] },
          },
        ],
      },
    }),
  ];
}
