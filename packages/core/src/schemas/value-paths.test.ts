import { describe, expect, test } from "vitest";
import { leafPaths, undocumentedPaths } from "./value-paths.js";

describe("value paths", () => {
  test("GIVEN nested values THEN every leaf (scalar, array, empty map) has its dotted path", () => {
    expect(leafPaths({ a: { b: 1, c: [1, 2], d: {} }, e: "x" })).toEqual(["a.b", "a.c", "a.d", "e"]);
  });

  test("GIVEN documented paths and subtrees THEN only the leaves outside them are reported", () => {
    const values = { image: { tag: "1" }, podAnnotations: { a: "b" }, replicaCont: 2 };
    expect(undocumentedPaths(values, ["image.tag", "podAnnotations.*"])).toEqual(["replicaCont"]);
  });
});
