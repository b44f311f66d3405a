import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { isUserError, type UserError } from "@k8s-gitops/core/errors";
import { inventoryPaths, loadInventories, loadInventory } from "./inventory.js";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

describe("the cluster inventories", () => {
  it("GIVEN the checked-in inventory files WHEN loading them THEN both clusters are valid", async () => {
    const inventories = await loadInventories();

    expect(inventories.map((inventory) => inventory.cluster.name)).toEqual(["infra", "apps"]);
  });

  it("GIVEN the same file twice WHEN loading THEN the problems name it relative to the repository root", async () => {
    const infra = inventoryPaths[0] ?? "";

    const error: unknown = await loadInventories([infra, infra]).catch((e: unknown) => e);

    expect(isUserError(error)).toBe(true);
    expect((error as UserError).problems[0]).toMatch(
      /^packages\/clusters\/infra\/inventory\.yaml:\d+:\d+: cluster\.name: "infra" duplicates the name of another cluster /,
    );
  });

  it("GIVEN a cluster name WHEN loading one inventory THEN it is that cluster's", async () => {
    const apps = await loadInventory("apps");

    expect(apps.cluster.endpoint.vip).toBe("10.25.11.20");
    expect(apps.nodes.map((node) => node.hostname)).toEqual(["apps-01", "apps-02", "apps-03"]);
  });

  it("GIVEN an unknown cluster name WHEN loading it THEN a UserError lists the known clusters", async () => {
    const error: unknown = await loadInventory("edge").catch((e: unknown) => e);

    expect(isUserError(error)).toBe(true);
    expect((error as Error).message).toBe('unknown cluster "edge" (expected one of "infra", "apps")');
  });

  it.each(inventoryPaths)("GIVEN %s WHEN an editor opens it THEN its first line points at the generated JSON Schema", async (path) => {
    const [firstLine = ""] = (await readFile(path, "utf8")).split("\n");
    const schemaRef = /^# yaml-language-server: \$schema=(\S+)$/.exec(firstLine)?.[1];

    expect(schemaRef).toBeDefined();
    expect(resolve(dirname(path), schemaRef ?? "")).toBe(resolve(repoRoot, "generated/schemas/inventory.schema.json"));
  });
});
