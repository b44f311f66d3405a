import { defineCluster, isUserError } from "@k8s-gitops/core";
import { fixtureInventories } from "@k8s-gitops/core/testing";
import { describe, expect, it } from "vitest";
import { buildEstate, defineEstate, EstateConfigError, renderEstate, type EstateConfig } from "./estate.js";

/** A cluster with no components keeps Talos' own CoreDNS (the composition rules require a DNS provider otherwise). */
const bare = () => ({ components: [], keepTalosCoreDns: true });

const recipient = "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p";
const theirs = `age1${"qpzry9x8gf2tvdw0s3jn54khce6mua7l".repeat(2).slice(0, 58)}`;

const empty: EstateConfig = {
  inventories: ["infra.yaml", "apps.yaml"],
  sops: { recipients: [recipient] },
  clusters: (estate) => estate.inventories.map((inventory) => defineCluster(estate.context(inventory.cluster.name), bare)),
};

describe("defineEstate", () => {
  it("GIVEN no gitPath or outDir THEN gitPath is generated and the output goes there; with gitPath \"\" the output is the config's folder", () => {
    expect(defineEstate(empty)).toMatchObject({ gitPath: "generated", outDir: "generated", policyAuditMode: {} });
    expect(defineEstate({ ...empty, gitPath: "" })).toMatchObject({ gitPath: "", outDir: "." });
  });

  it("GIVEN several mistakes THEN one EstateConfigError lists each with its field and value", () => {
    const bad = { ...empty, inventories: ["a.yaml", "a.yaml"], gitPath: "../up", clusters: "infra", colour: "blue" } as unknown as EstateConfig;
    let caught: unknown;
    try {
      defineEstate(bad);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EstateConfigError);
    expect(isUserError(caught)).toBe(true);
    expect((caught as EstateConfigError).problems).toEqual([
      "colour: unknown field (known: inventories, clusters, sops, gitPath, outDir, policyAuditMode)",
      'inventories[1]: "a.yaml" is listed twice',
      'clusters: expected a function (estate) => Cluster[], got "infra"',
      'gitPath "../up": must be a folder inside the Git repository, relative to its root ("" for the root itself)',
    ]);
  });
});

describe("buildEstate", () => {
  it("GIVEN the estate's gitPath THEN every cluster is built with it: no second place to set it", () => {
    const clusters = buildEstate(defineEstate({ ...empty, gitPath: "deploy" }), fixtureInventories());
    expect(clusters.map((c) => [c.name, c.gitPath])).toEqual([["infra", "deploy"], ["apps", "deploy"]]);
  });

  it("GIVEN a cluster built from a hand-made context with another gitPath THEN it is refused with cluster and both values", () => {
    const estate = defineEstate({
      ...empty,
      clusters: (e) => e.inventories.map((inventory) => defineCluster({ inventory, inventories: e.inventories, gitPath: "elsewhere" }, bare)),
    });
    expect(() => buildEstate(estate, fixtureInventories())).toThrow(/cluster "infra" was built with gitPath "elsewhere", the estate's is "generated"/);
  });

  it("GIVEN clusters() asking for a cluster no inventory defines, or leaving one out THEN the errors name the clusters", () => {
    const unknown = defineEstate({ ...empty, clusters: (e) => [defineCluster(e.context("prod"), bare)] });
    expect(() => buildEstate(unknown, fixtureInventories())).toThrow('cluster "prod": no inventory defines it (the estate\'s inventories define "infra", "apps")');
    const partial = defineEstate({ ...empty, clusters: (e) => [defineCluster(e.context("infra"), bare)] });
    expect(() => buildEstate(partial, fixtureInventories())).toThrow(/cluster "apps" has an inventory but clusters\(\) builds no cluster of that name/);
  });
});

describe("renderEstate", () => {
  it("GIVEN the estate's own recipient THEN .sops.yaml encrypts for exactly that key", () => {
    const { files } = renderEstate(defineEstate({ ...empty, sops: { recipients: [theirs] } }), fixtureInventories());
    const sops = files.find((file) => file.path === ".sops.yaml")?.content ?? "";
    expect(sops.match(/age1[0-9a-z]+/g)).toEqual([theirs, theirs]);
  });
});
