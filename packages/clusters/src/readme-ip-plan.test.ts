import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { nodeIP } from "@k8s-gitops/core";
import { describe, expect, it } from "vitest";
import { loadInventories } from "./inventory.js";

const readme = readFileSync(fileURLToPath(new URL("../../../README.md", import.meta.url)), "utf8");
const ipPlan = readme.slice(readme.indexOf("## IP plan"), readme.indexOf("## Layout"));
const row = (address: string, cluster: string) => new RegExp(`^\\|\\s*${address.replace(/\./g, "\\.")}\\s*\\|\\s*(${cluster}|both)\\s*\\|`, "m");

describe("README IP plan", () => {
  it("GIVEN the inventories THEN every node IP, VIP, range and fixed address has its row in the README table", async () => {
    for (const inv of await loadInventories()) {
      const c = inv.cluster.name;
      const addresses = [
        inv.cluster.endpoint.vip,
        inv.network.podCIDR,
        inv.network.serviceCIDR,
        inv.network.clusterDNS,
        inv.network.loadBalancer.subnet,
        ...Object.values(inv.network.loadBalancer.fixed),
        ...inv.nodes.map((node) => nodeIP(node)),
      ];
      for (const address of addresses) expect(ipPlan, `${c} ${address}`).toMatch(row(address, c));
    }
  });
});
