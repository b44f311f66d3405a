import { describe, expect, it } from "vitest";
import { defaultOutDir } from "@k8s-gitops/core/testing";
import { isObject } from "./objects.js";
import { readTree, yamlDocuments } from "./tree.js";
import { verifiedImageTags } from "./verified-image-tags.js";

/** Every `image`/`imageName` string with a tag anywhere in a document (HelmRelease values included). */
function pinnedImages(value: unknown, found: Set<string>): void {
  if (Array.isArray(value)) for (const item of value) pinnedImages(item, found);
  if (!isObject(value)) return;
  for (const [key, item] of Object.entries(value)) {
    if ((key === "image" || key === "imageName") && typeof item === "string" && /^[a-z0-9.-]+\.[a-z]+\/[^:@\s]+:[^\s]+$/.test(item)) found.add(item);
    else pinnedImages(item, found);
  }
}

describe("image tags the project pins", () => {
  const found = new Set<string>();
  for (const file of readTree(defaultOutDir()).filter((f) => /\.ya?ml$/.test(f.path))) for (const doc of yamlDocuments(file.content)) pinnedImages(doc, found);

  it("GIVEN generated/ THEN every image tag it pins was verified upstream (verified-image-tags.ts)", () => {
    expect([...found].filter((image) => !verifiedImageTags.some((entry) => entry.image === image))).toEqual([]);
    expect(found.size).toBeGreaterThan(0);
  });

  it("GIVEN the verified list THEN every entry is still pinned somewhere", () => {
    expect(verifiedImageTags.map((entry) => entry.image).filter((image) => !found.has(image))).toEqual([]);
  });
});
