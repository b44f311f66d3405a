import { renderEstate, loadInventories } from "@k8s-gitops/clusters";
import { parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { countDocuments } from "./documents.js";

describe("countDocuments", () => {
  it("GIVEN YAML with and without a leading marker, comments, block scalars holding '---' THEN it counts the documents", () => {
    expect(countDocuments({ path: "a.yaml", content: "# header\n---\na: 1\n---\nb: |\n  ---\n  x\n" })).toBe(2);
    expect(countDocuments({ path: "a.yaml", content: "a: 1\n---\nb: 2\n" })).toBe(2);
    expect(countDocuments({ path: "a.yml", content: "# only a comment\n" })).toBe(0);
    expect(countDocuments({ path: "s.json", content: "{}" })).toBe(1);
    expect(countDocuments({ path: "README.md", content: "---\n" })).toBe(0);
  });

  it("GIVEN the reference estate THEN it agrees with a real YAML parser on every YAML file", async () => {
    const { files } = renderEstate(await loadInventories());
    const yamlFiles = files.filter((f) => /\.ya?ml$/.test(f.path));
    expect(yamlFiles.length).toBeGreaterThan(100);
    const disagreements = yamlFiles.filter((f) => countDocuments(f) !== parseAllDocuments(f.content).length);
    expect(disagreements.map((f) => f.path)).toEqual([]);
  });
});
