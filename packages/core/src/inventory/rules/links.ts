import { showValue } from "../../errors/index.js";
import type { FieldRef, Finding } from "../finding.js";
import { canonicalCidr } from "../ip.js";
import { nodeLinks } from "../node-network.js";
import { perCluster, type ClusterFinding, type Rule } from "./rule.js";

// Rules for the physical links: bonds across the top-of-rack switches and the MTU of each subnet.
// A bond member has no MTU of its own: Linux gives every member the bond's MTU when it is enslaved
// and whenever the bond's changes (drivers/net/bonding/bond_main.c: bond_enslave calls
// dev_set_mtu(slave_dev, bond_dev->mtu); bond_change_mtu sets it on each slave).

/** The largest host MTU the switches carry: 9000 with jumbo frames, else the Ethernet 1500. */
export const jumboMtu = 9000;
export const standardMtu = 1500;

/**
 * Each bond member names a declared switch, and no two members of one bond share a switch, so the
 * bond survives the loss of either switch.
 */
export const bondMembersOnSwitches: Rule = perCluster(({ nodes, network }) =>
  nodes.flatMap((node, n) =>
    node.network.interfaces.flatMap((iface, i) => {
      const seen = new Map<string, number>();
      return (iface.bond?.members ?? []).flatMap((member, m): ClusterFinding[] => {
        const path = ["nodes", n, "network", "interfaces", i, "bond", "members", m];
        const names = network.switches?.names;
        if (member.switch === undefined) {
          return names === undefined
            ? []
            : [{ path, message: `names no switch (expected "switch": one of ${names.map((s) => showValue(s)).join(", ")})` }];
        }
        if (names === undefined) {
          return [{ path: [...path, "switch"], message: `${showValue(member.switch)} names a switch but network.switches declares none` }];
        }
        if (!names.includes(member.switch)) {
          return [
            {
              path: [...path, "switch"],
              message: `${showValue(member.switch)} is not a switch of network.switches.names (expected one of ${names.map((s) => showValue(s)).join(", ")})`,
            },
          ];
        }
        const earlier = seen.get(member.switch);
        if (earlier === undefined) {
          seen.set(member.switch, m);
          return [];
        }
        return [
          {
            path: [...path, "switch"],
            message: `${showValue(member.switch)} is also the switch of another member of the bond (expected each member on a different switch, so the bond survives the loss of one)`,
            related: ["nodes", n, "network", "interfaces", i, "bond", "members", earlier, "switch"],
          },
        ];
      });
    }),
  ),
);

/**
 * An 802.3ad bond needs one LACP partner: across two switches that is only a stack or an MLAG pair.
 * Two independent switches each negotiate their own aggregator and the bond would use one of them only.
 */
export const bondModeFitsSwitches: Rule = perCluster(({ nodes, network }) =>
  nodes.flatMap((node, n) =>
    node.network.interfaces.flatMap((iface, i): ClusterFinding[] => {
      if (iface.bond?.mode !== "802.3ad" || network.switches === undefined || network.switches.mlag) return [];
      const switches = [...new Set(iface.bond.members.flatMap((member) => (member.switch === undefined ? [] : [member.switch])))];
      if (switches.length < 2) return [];
      return [
        {
          path: ["nodes", n, "network", "interfaces", i, "bond", "mode"],
          message:
            `"802.3ad" spans the switches ${switches.map((s) => showValue(s)).join(", ")}, which are not a stack or MLAG pair ` +
            '(network.switches.mlag: false); expected "active-backup"',
          related: ["network", "switches", "mlag"],
        },
      ];
    }),
  ),
);

/** No link may use a larger MTU than the switches carry, or its large frames are dropped. */
export const mtuWithinSwitches: Rule = perCluster(({ nodes, network }) => {
  const switches = network.switches;
  if (switches === undefined) return [];
  const limit = switches.jumboFrames ? jumboMtu : standardMtu;
  return nodes.flatMap((node, n) =>
    nodeLinks(node).flatMap((link): ClusterFinding[] => {
      const mtu = link.vlan?.mtu ?? link.interface.mtu;
      if (mtu <= limit) return [];
      const carried = switches.jumboFrames ? "carry jumbo frames up to" : "carry no jumbo frames (network.switches.jumboFrames: false), so at most";
      return [
        {
          path: ["nodes", n, ...link.path, "mtu"],
          message: `${mtu} is larger than the switches carry (they ${carried} MTU ${limit})`,
          related: ["network", "switches", "jumboFrames"],
        },
      ];
    }),
  );
});

/**
 * Every link of one subnet, across all nodes and clusters sharing it, uses one MTU: a host with a
 * larger MTU sends frames its neighbours drop (TCP stalls after the handshake).
 */
export const consistentMtuPerSubnet: Rule = (clusters) => {
  const first = new Map<string, { ref: FieldRef; mtu: number }>();
  const findings: Finding[] = [];
  for (const { source, inventory } of clusters) {
    inventory.nodes.forEach((node, n) => {
      for (const link of nodeLinks(node)) {
        const mtu = link.vlan?.mtu ?? link.interface.mtu;
        const ref: FieldRef = { source, path: ["nodes", n, ...link.path, "mtu"] };
        for (const subnet of new Set(link.addresses.map(canonicalCidr))) {
          const earlier = first.get(subnet);
          if (earlier === undefined) first.set(subnet, { ref, mtu });
          else if (earlier.mtu !== mtu) {
            findings.push({
              ...ref,
              message: `${mtu} differs from the MTU ${earlier.mtu} of another link in the subnet ${subnet} (expected one MTU per subnet)`,
              related: earlier.ref,
            });
          }
        }
      }
    });
  }
  return findings;
};
