// Inventory variants for network shapes the real inventories do not use, made by editing the
// real infra inventory text and validating it with the core loader (so they stay realistic).
import type { Inventory } from "@k8s-gitops/core";
import { realInventories, realSources, replaceOnce } from "./inventories.js";

const infra01Lan = `        - name: lan
          select: { mac: "98:fa:9b:3c:71:a2" }
          addresses: [10.25.11.11/24]
          mtu: 1500
`;

const infra01Bond = `        - name: bond0
          bond:
            mode: 802.3ad
            members: [{ mac: "98:fa:9b:3c:71:a2" }, { busPath: "0000:03:00.0", driver: igb }]
          addresses: [10.25.11.11/24]
          mtu: 9000
          vlans:
            - { id: 30, addresses: [10.25.30.11/24], mtu: 1500 }
`;

/** The infra inventory where infra-01 uses an LACP bond of two NICs with a tagged VLAN 30 on top. */
export function bondedInventory(): Inventory {
  const [infra, apps] = realSources();
  if (infra === undefined || apps === undefined) throw new Error("missing inventory sources");
  const [bonded] = realInventories([{ ...infra, text: replaceOnce(infra.text, infra01Lan, infra01Bond) }, apps]);
  if (bonded === undefined) throw new Error("bonded inventory did not parse");
  return bonded;
}
