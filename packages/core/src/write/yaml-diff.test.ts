import { describe, expect, it } from "vitest";
import { diffYamlResources, formatFieldPath } from "./yaml-diff.js";

const cm = (name: string, value: string): string =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: ns\ndata:\n  key: ${value}\n`;

describe("diffYamlResources", () => {
  it("GIVEN the same resources in another order WHEN diffing THEN nothing changed", () => {
    expect(diffYamlResources(`${cm("a", "1")}---\n${cm("b", "2")}`, `${cm("b", "2")}---\n${cm("a", "1")}`)).toEqual([]);
  });

  it("GIVEN a changed field in the second of two resources WHEN diffing THEN only that resource and field show", () => {
    expect(diffYamlResources(`${cm("a", "1")}---\n${cm("b", "2")}`, `${cm("a", "1")}---\n${cm("b", "3")}`)).toEqual([
      { change: "changed", label: "ConfigMap ns/b [v1]", fields: [{ path: ["data", "key"], before: 2, after: 3 }] },
    ]);
  });

  it("GIVEN a renamed resource WHEN diffing THEN it is one removal and one addition", () => {
    expect(diffYamlResources(cm("a", "1"), cm("z", "1"))).toEqual([
      { change: "added", label: "ConfigMap ns/z [v1]" },
      { change: "removed", label: "ConfigMap ns/a [v1]" },
    ]);
  });

  it("GIVEN documents without identity WHEN diffing THEN they are matched by position", () => {
    expect(diffYamlResources("a: 1\n---\nb: 1\n", "a: 1\n---\nb: 2\n")).toEqual([
      { change: "changed", label: "document 2", fields: [{ path: ["b"], before: 1, after: 2 }] },
    ]);
  });

  it("GIVEN invalid YAML on either side WHEN diffing THEN the result is undefined", () => {
    expect(diffYamlResources("a: [", "a: 1\n")).toBeUndefined();
    expect(diffYamlResources("a: 1\n", "a: {")).toBeUndefined();
  });
});

describe("formatFieldPath", () => {
  it.each([
    [["spec", "replicas"], "spec.replicas"],
    [["spec", "containers", 0, "image"], "spec.containers[0].image"],
    [["metadata", "labels", "app.kubernetes.io/name"], 'metadata.labels["app.kubernetes.io/name"]'],
    [[], "(whole document)"],
  ])("GIVEN %j THEN it reads %s", (path, expected) => {
    expect(formatFieldPath(path)).toBe(expected);
  });
});
