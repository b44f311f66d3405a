import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { sharedSchemasRoot } from "./__fixtures__/shared-root.js";
import { schemaSets, upstreamFiles } from "./upstream.js";

function listFiles(root: string, dir = ""): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = dir === "" ? name : `${dir}/${name}`;
    return statSync(join(root, path)).isDirectory() ? listFiles(root, path) : [path];
  });
}

describe("upstream file list", () => {
  test("GIVEN the list WHEN inspected THEN paths are unique, in their set's folder, and URLs are https raw GitHub", () => {
    const paths = upstreamFiles.map((file) => file.path);
    expect(new Set(paths).size).toBe(paths.length);
    for (const file of upstreamFiles) {
      expect(schemaSets).toContain(file.set);
      expect(file.path.startsWith(`${file.set}/`)).toBe(true);
      expect(file.url).toMatch(/^https:\/\/raw\.githubusercontent\.com\/[^/]+\/[^/]+\/[^/]+\/\S+$/);
    }
  });

  test("GIVEN a file extracted from a chart tarball WHEN listed THEN its URL is a .tgz", () => {
    for (const file of upstreamFiles.filter((f) => f.archiveMember !== undefined)) expect(file.url).toMatch(/\.tgz$/);
  });
});

describe(`upstream list vs shared folder (needs the upstream schemas)`, () => {
  test("GIVEN the shared schema folder WHEN compared THEN every file there has an upstream URL and vice versa", () => {
    // README.md is the folder's own description, not an upstream file.
    const shared = listFiles(sharedSchemasRoot).filter((path) => path !== "README.md").sort();
    expect(upstreamFiles.map((file) => file.path).sort()).toEqual(shared);
  });
});
