import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseInventories } from "@k8s-gitops/core/inventory";
import { scratchDirs } from "@k8s-gitops/core/testing";
import { afterEach, describe, expect, it } from "vitest";
import { initAnswers, runInit, scaffold } from "./init.js";

const scratch = scratchDirs("k8s-gitops-init-");
afterEach(scratch.cleanup);

const key = `age1${"qpzry9x8gf2tvdw0s3jn54khce6mua7l".repeat(2).slice(0, 58)}`;
const flags = [
  "--cluster", "lab",
  "--nodes", "192.168.50.11,192.168.50.12,192.168.50.13",
  "--subnet", "192.168.50.0/24",
  "--domain", "lab.acme-corp.net",
  "--git-url", "ssh://git@github.com/acme-corp/lab-gitops.git",
  "--age-recipient", key,
];

describe("k8s-gitops init", () => {
  it("GIVEN two clusters WHEN scaffolded THEN both inventories pass the inventory rules together (ids, ranges, VIPs, ASNs apart)", async () => {
    const answers = await initAnswers(["--cluster", "a", "--nodes", "192.168.50.11", "--cluster", "b", "--nodes", "192.168.50.21", ...flags.slice(4)], false);
    const files = scaffold(answers, "0.1.0");
    const inventories = parseInventories(["clusters/a/inventory.yaml", "clusters/b/inventory.yaml"].map((path) => ({ path, text: files.get(path)! })));
    expect(inventories.map((i) => [i.cluster.name, i.cluster.id, i.cluster.endpoint.vip, i.network.podCIDR, i.network.bgp.localASN])).toEqual([
      ["a", 1, "192.168.50.10", "10.42.0.0/16", 64513],
      ["b", 2, "192.168.50.12", "10.44.0.0/16", 64514],
    ]);
    expect(files.get("k8s-gitops.config.ts")).toContain('inventories: ["clusters/a/inventory.yaml","clusters/b/inventory.yaml"]');
    expect(files.get(".sops.yaml")).toContain(key);
    expect(JSON.parse(files.get("renovate.json")!).ignorePaths).toContain("generated/**");
  });

  it("GIVEN a missing required flag and no terminal THEN the error names the flag and how to get the value", async () => {
    await expect(initAnswers(flags.slice(0, -2), false)).rejects.toThrow(/init: --age-recipient is required \(your age public key: create one with `age-keygen -o age\.key`/);
    await expect(initAnswers([...flags.slice(0, -1), "age1short"], false)).rejects.toThrow('--age-recipient "age1short": not an age public key');
    await expect(initAnswers([...flags, "--gateway", "10.9.9.9"], false).then((a) => scaffold(a, "0.1.0"))).rejects.toThrow('--gateway "10.9.9.9" is not in --subnet 192.168.50.0/24');
  });

  it("GIVEN a file init would write already exists THEN it refuses, names the file and writes nothing", async () => {
    const dir = scratch.withFiles({ "README.md": "mine\n" });
    await expect(runInit(flags, { cwd: dir })).rejects.toThrow(/refusing to overwrite "README\.md"/);
    expect(readFileSync(join(dir, "README.md"), "utf8")).toBe("mine\n");
    expect(() => readFileSync(join(dir, "k8s-gitops.config.ts"))).toThrow(/ENOENT/);
  });

  it("GIVEN a package.json without type module THEN it is kept and the config is written as .mts", async () => {
    const dir = scratch.withFiles({ "package.json": "{}\n" });
    const output = await runInit(flags, { cwd: dir });
    expect(output).toContain("kept the existing package.json");
    expect(readFileSync(join(dir, "package.json"), "utf8")).toBe("{}\n");
    expect(readFileSync(join(dir, "k8s-gitops.config.mts"), "utf8")).toContain("defineEstate({");
  });
});
