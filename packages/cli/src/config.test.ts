import { join } from "node:path";
import { defineEstate } from "@k8s-gitops/platform";
import { scratchDirs } from "@k8s-gitops/core/testing";
import { afterEach, describe, expect, it } from "vitest";
import { EstateConfigError } from "@k8s-gitops/platform";
import { findConfig, importConfig, inConfig, projectOf } from "./config.js";

const scratch = scratchDirs("k8s-gitops-config-");
afterEach(scratch.cleanup);

const recipient = "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p";

describe("finding the config", () => {
  it("GIVEN a config two folders up THEN it is found from the working directory; --config overrides; none is an error naming init", () => {
    const dir = scratch.withFiles({ "k8s-gitops.config.mjs": "export default 1;\n", "clusters/lab/x.txt": "", "other/k8s-gitops.config.ts": "" });
    expect(findConfig(join(dir, "clusters", "lab"))).toBe(join(dir, "k8s-gitops.config.mjs"));
    expect(findConfig(join(dir, "clusters"), "../other/k8s-gitops.config.ts")).toBe(join(dir, "other", "k8s-gitops.config.ts"));
    expect(() => findConfig(dir, "missing.ts")).toThrow('--config "missing.ts": no such file');
    const empty = scratch.make();
    expect(() => findConfig(empty)).toThrow(/no k8s-gitops\.config\.ts in .* or any folder above it: run `k8s-gitops init`/);
  });
});

describe("errors of the config point at the config file", () => {
  it("GIVEN an inventory path that does not exist THEN the error names the config file, the line and column of the path, the field and the value", async () => {
    const dir = scratch.withFiles({
      "k8s-gitops.config.mjs": 'export default {\n  inventories: [\n    "clusters/lab/inventory.yaml",\n  ],\n};\n',
    });
    const config = join(dir, "k8s-gitops.config.mjs");
    const project = projectOf(config, defineEstate({ inventories: ["clusters/lab/inventory.yaml"], sops: { recipients: [recipient] }, clusters: () => [] }));
    await expect(project.loadInventories()).rejects.toThrow(`${config}:3:5: inventories[0]: "clusters/lab/inventory.yaml": no such file`);
  });

  it("GIVEN clusters() asking for a cluster no inventory defines THEN the error points at the line where the config names it", () => {
    const dir = scratch.withFiles({ "k8s-gitops.config.mjs": 'export default defineEstate({\n  clusters: (estate) => [lab(estate.context("prod"))],\n});\n' });
    const error = inConfig(join(dir, "k8s-gitops.config.mjs"), new EstateConfigError('cluster "prod": no inventory defines it'));
    expect((error as Error).message).toMatch(/k8s-gitops\.config\.mjs:2:45: cluster "prod": no inventory defines it$/);
  });

  it("GIVEN a default export that is not defineEstate(...) THEN the error says so at the config file", () => {
    const dir = scratch.withFiles({ "k8s-gitops.config.mjs": "// estate\nexport default { inventories: [] };\n" });
    expect(() => projectOf(join(dir, "k8s-gitops.config.mjs"), { inventories: [] })).toThrow(/k8s-gitops\.config\.mjs:1:1: the default export must be defineEstate\(\{\.\.\.\}\)/);
  });

  it("GIVEN a config that throws while loading THEN the error names the config file and the line that threw", async () => {
    const dir = scratch.withFiles({ "k8s-gitops.config.mjs": "const x = 1;\nthrow new Error(\"boom \" + x);\nexport default x;\n" });
    await expect(importConfig(join(dir, "k8s-gitops.config.mjs"))).rejects.toThrow(/k8s-gitops\.config\.mjs:2:7: cannot load the config: boom 1/);
  });
});
