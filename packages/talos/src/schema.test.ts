import { describe, expect, it } from "vitest";
import type { GeneratedFile } from "@k8s-gitops/core/files";
import type { Inventory } from "@k8s-gitops/core";
import { validateTalosDocument } from "@k8s-gitops/core/schemas";
import { renderTalos, type TalosOptions } from "./index.js";
import { documentsOf, editableCopy, realInventories } from "./testing/inventories.js";
import { bondedInventory, singleNicInventory } from "./testing/variants.js";

const patchFiles = (files: readonly GeneratedFile[]): GeneratedFile[] => files.filter((file) => !file.path.endsWith("/schematic.yaml"));

/** Every schema problem of every document of every patch file, as `path#index: pointer message`. */
function problemsOf(files: readonly GeneratedFile[], talosVersion: string): string[] {
  return patchFiles(files).flatMap((file) =>
    documentsOf(file.content).flatMap((doc, index) =>
      validateTalosDocument(doc, talosVersion).map((problem) => `${file.path}#${index}: ${problem.path} ${problem.message}`),
    ),
  );
}

function kindsOf(files: readonly GeneratedFile[]): Set<string> {
  return new Set(patchFiles(files).flatMap((file) => documentsOf(file.content).map((doc) => String(doc["kind"] ?? "v1alpha1"))));
}

function withVersion(inventory: Inventory, talosVersion: string): Inventory {
  const copy = editableCopy(inventory);
  copy.cluster.talosVersion = talosVersion;
  return copy;
}

const mirrors: TalosOptions = { registryMirrors: [{ registry: "docker.io", endpoints: ["https://zot.lab.example.net/v2/docker.io"], overridePath: true }] };
const inventories = realInventories();

describe("generated Talos documents against the upstream Talos schema", () => {
  it.each(inventories.map((inventory) => [inventory.cluster.name, inventory] as const))(
    "GIVEN cluster %s WHEN every document is validated against the schema of its talosVersion THEN there is no problem",
    (_, inventory) => {
      expect(inventory.cluster.talosVersion).toBe("v1.13.9");
      expect(problemsOf(renderTalos(inventory), inventory.cluster.talosVersion)).toEqual([]);
    },
  );

  it("GIVEN Talos v1.13 WHEN rendered THEN network, resolver and time are multi-doc and machine.network/machine.time are absent", () => {
    const files = renderTalos(inventories[0]!);
    const v1alpha1 = patchFiles(files).flatMap((file) => documentsOf(file.content).filter((doc) => doc["kind"] === undefined));

    expect(kindsOf(files)).toEqual(
      new Set(["v1alpha1", "ResolverConfig", "TimeSyncConfig", "HostnameConfig", "LinkAliasConfig", "BondConfig", "Layer2VIPConfig", "UserVolumeConfig"]),
    );
    expect(v1alpha1.map((doc) => Object.keys((doc["machine"] ?? {}) as object).filter((key) => key === "network" || key === "time"))).toEqual(
      v1alpha1.map(() => []),
    );
  });

  it.each(["v1.11.6", "v1.12.11", "v1.13.9"])(
    "GIVEN both clusters set to Talos %s, with a registry mirror WHEN validated against that version's schema THEN there is no problem",
    (version) => {
      for (const inventory of inventories) {
        expect(problemsOf(renderTalos(withVersion(inventory, version), mirrors), version)).toEqual([]);
      }
    },
  );

  it("GIVEN Talos v1.11 WHEN rendered THEN only the legacy v1alpha1 fields are used, no multi-doc network document", () => {
    const files = renderTalos(withVersion(inventories[0]!, "v1.11.6"), mirrors);
    const [clusterDoc] = documentsOf(files[0]!.content) as [{ machine: Record<string, unknown> }];
    const [nodeDoc] = documentsOf(files[1]!.content) as [{ machine: { network: { hostname: string; interfaces: unknown[] } } }];

    expect(kindsOf(files)).toEqual(new Set(["v1alpha1", "UserVolumeConfig"]));
    expect(clusterDoc.machine["network"]).toEqual({ nameservers: ["10.25.11.1", "1.1.1.1", "9.9.9.9"] });
    expect(clusterDoc.machine["time"]).toEqual({ servers: ["time.cloudflare.com", "pool.ntp.org"] });
    expect(clusterDoc.machine["registries"]).toEqual({ mirrors: { "docker.io": { endpoints: ["https://zot.lab.example.net/v2/docker.io"], overridePath: true } } });
    expect(nodeDoc.machine.network.hostname).toBe("infra-01");
    expect(nodeDoc.machine.network.interfaces).toEqual([
      {
        interface: "lan",
        bond: {
          mode: "802.3ad",
          deviceSelectors: [{ permanentAddr: "3c:fd:fe:b4:1a:60" }, { permanentAddr: "3c:fd:fe:b4:1a:61" }],
          miimon: 100,
          lacpRate: "fast",
          xmitHashPolicy: "layer3+4",
        },
        dhcp: false,
        addresses: ["10.25.11.11/24"],
        mtu: 9000,
        routes: [{ network: "0.0.0.0/0", gateway: "10.25.11.1" }],
        vip: { ip: "10.25.11.10" },
      },
    ]);
  });

  it("GIVEN the legacy (v1.11) output WHEN validated against the v1.13 schema THEN the removed fields are reported, so the check has teeth", () => {
    const legacy = renderTalos(withVersion(inventories[0]!, "v1.11.6"));

    expect(problemsOf(legacy, "v1.13.9")).toEqual([
      'talos/infra/cluster.yaml#0: /machine must NOT have additional properties ("network")',
      'talos/infra/cluster.yaml#0: /machine must NOT have additional properties ("time")',
      ...["01", "02", "03"].map((n) => `talos/infra/nodes/infra-${n}.yaml#0: /machine must NOT have additional properties ("network")`),
    ]);
  });

  it.each(["v1.11.6", "v1.13.9"])("GIVEN a node with an LACP bond and a VLAN on Talos %s WHEN validated THEN there is no problem", (version) => {
    expect(problemsOf(renderTalos(withVersion(bondedInventory(), version)), version)).toEqual([]);
  });

  it.each(["v1.11.6", "v1.13.9"])("GIVEN a node with a single NIC instead of a bond on Talos %s WHEN validated THEN there is no problem", (version) => {
    const files = renderTalos(withVersion(singleNicInventory(), version));

    expect(problemsOf(files, version)).toEqual([]);
    expect(files[1]!.content).toContain('98:fa:9b:3c:71:a2');
  });
});
