// Inventory variants for network shapes the real inventories do not use, made by editing the
// real infra inventory text and validating it with the core loader (so they stay realistic).
import type { Inventory } from "@k8s-gitops/core";
import { realInventories, realSources, replaceOnce } from "./inventories.js";

const infra01Lan = `        - name: lan
          # Dual-port 10GbE SFP+ card: one port to each top-of-rack switch, LACP across the MLAG pair.
          bond:
            mode: 802.3ad
            members:
              - { mac: "3c:fd:fe:b4:1a:60", switch: tor-1 }
              - { mac: "3c:fd:fe:b4:1a:61", switch: tor-2 }
          addresses: [10.25.11.11/24]
          mtu: 9000
`;

const infra01Bond = `        - name: bond0
          bond:
            mode: 802.3ad
            members: [{ mac: "98:fa:9b:3c:71:a2", switch: tor-1 }, { busPath: "0000:03:00.0", driver: igb, switch: tor-2 }]
          addresses: [10.25.11.11/24]
          mtu: 9000
          vlans:
            - { id: 30, addresses: [10.25.30.11/24], mtu: 1500 }
`;

const infra01Nic = `        - name: lan
          select: { mac: "98:fa:9b:3c:71:a2" }
          addresses: [10.25.11.11/24]
          mtu: 9000
`;

/** The infra inventory with infra-01's link replaced by `replacement`, validated by the core loader. */
function withInfra01Link(replacement: string, what: string): Inventory {
  const [infra, apps] = realSources();
  if (infra === undefined || apps === undefined) throw new Error("missing inventory sources");
  const [edited] = realInventories([{ ...infra, text: replaceOnce(infra.text, infra01Lan, replacement) }, apps]);
  if (edited === undefined) throw new Error(`${what} inventory did not parse`);
  return edited;
}

/** The infra inventory where infra-01 has a single NIC instead of the bond (no switch redundancy). */
export function singleNicInventory(): Inventory {
  return withInfra01Link(infra01Nic, "single-NIC");
}

/** The infra inventory where infra-01 uses an LACP bond (bond0, one NIC by bus path) with a tagged VLAN 30 on top. */
export function bondedInventory(): Inventory {
  return withInfra01Link(infra01Bond, "bonded");
}
