import { showValue } from "../../errors/index.js";
import { duplicates, perCluster, type Rule } from "./rule.js";

/** etcd needs a majority: an even number of members adds no fault tolerance, zero has no API. */
export const oddControlPlaneCount: Rule = perCluster(({ nodes }) => {
  const controlPlanes = nodes.filter((node) => node.role === "controlplane").map((node) => node.hostname);
  if (controlPlanes.length % 2 === 1) return [];
  const found = controlPlanes.length === 0 ? "no control plane" : `${controlPlanes.length} control planes (${controlPlanes.map((h) => showValue(h)).join(", ")})`;
  return [{ path: ["nodes"], message: `has ${found} (expected an odd number, at least 1, so etcd keeps quorum)` }];
});

/** Link names and VLAN ids address a link within the node; two links with one name are ambiguous. */
export const uniqueLinksPerNode: Rule = (clusters) =>
  clusters.flatMap(({ source, inventory }) =>
    inventory.nodes.flatMap((node, n) => {
      const interfaces = ["nodes", n, "network", "interfaces"];
      return [
        ...duplicates(
          node.network.interfaces.map((iface, i) => ({
            ref: { source, path: [...interfaces, i, "name"] },
            key: iface.name,
            value: iface.name,
          })),
          "the name of another interface of the node",
        ),
        ...node.network.interfaces.flatMap((iface, i) =>
          duplicates(
            iface.vlans.map((vlan, v) => ({
              ref: { source, path: [...interfaces, i, "vlans", v, "id"] },
              key: String(vlan.id),
              value: vlan.id,
            })),
            "the id of another VLAN of the interface",
          ),
        ),
      ];
    }),
  );
