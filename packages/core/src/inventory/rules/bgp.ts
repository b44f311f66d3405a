import { showValue } from "../../errors/index.js";
import { duplicates, perCluster, type Rule } from "./rule.js";

/** The design is eBGP between each cluster and the router; a peer in the local AS would be iBGP. */
export const peersInOtherAS: Rule = perCluster(({ network }) => {
  const { localASN, peers } = network.bgp;
  return peers.flatMap((peer, i) =>
    peer.asn === localASN
      ? [
          {
            path: ["network", "bgp", "peers", i, "asn"],
            message: `${showValue(peer.asn)} equals the local ASN (expected a different ASN: the peering is eBGP)`,
            related: ["network", "bgp", "localASN"],
          },
        ]
      : [],
  );
});

/** Each cluster is its own AS, so the router can tell the clusters' routes apart. */
export const uniqueLocalASNs: Rule = (clusters) =>
  duplicates(
    clusters.map(({ source, inventory }) => ({
      ref: { source, path: ["network", "bgp", "localASN"] },
      key: String(inventory.network.bgp.localASN),
      value: inventory.network.bgp.localASN,
    })),
    "the local ASN of another cluster",
  );

export const uniquePeers: Rule = (clusters) =>
  clusters.flatMap(({ source, inventory }) => {
    const peers = inventory.network.bgp.peers;
    const path = (i: number, field: string) => ["network", "bgp", "peers", i, field];
    return [
      ...duplicates(
        peers.map((p, i) => ({ ref: { source, path: path(i, "name") }, key: p.name, value: p.name })),
        "the name of another peer",
      ),
      ...duplicates(
        peers.map((p, i) => ({ ref: { source, path: path(i, "address") }, key: p.address, value: p.address })),
        "the address of another peer",
      ),
    ];
  });
