import { describe, expect, it } from "vitest";
import { perEnvironment, renderForEnvironment } from "./index.js";

const values = (entries: Record<string, string>) => new Map(Object.entries(entries));

describe("perEnvironment", () => {
  it("GIVEN the same value in every cluster THEN it is written as is", () => {
    expect(perEnvironment(values({ infra: "1.2.3", apps: "1.2.3" }))).toBe("1.2.3");
  });

  it("GIVEN values that differ only in a path segment naming the cluster THEN that segment becomes the environment name", () => {
    const path = perEnvironment(values({ infra: "../clusters/infra/cilium.yaml", apps: "../clusters/apps/cilium.yaml" }));
    expect(path).toBe("../clusters/{{ .Environment.Name }}/cilium.yaml");
    for (const cluster of ["infra", "apps"]) expect(renderForEnvironment(path, cluster)).toBe(`../clusters/${cluster}/cilium.yaml`);
  });

  it("GIVEN different values THEN each environment renders its own, and an environment without a value renders the last one", () => {
    const switched = perEnvironment(values({ infra: "1.0.0", apps: "2.0.0", edge: "1.0.0" }));
    expect(renderForEnvironment(switched, "infra")).toBe("1.0.0");
    expect(renderForEnvironment(switched, "edge")).toBe("1.0.0");
    expect(renderForEnvironment(switched, "apps")).toBe("2.0.0");
    expect(renderForEnvironment(switched, "lab")).toBe("2.0.0");
  });

  it("GIVEN a cluster name that is only part of a segment THEN it is not replaced", () => {
    const switched = perEnvironment(values({ infra: "infra-crds", apps: "apps-crds" }));
    expect(switched).not.toContain("{{ .Environment.Name }}");
    expect(renderForEnvironment(switched, "apps")).toBe("apps-crds");
  });
});

describe("renderForEnvironment", () => {
  it("GIVEN an else-if chain THEN the first matching branch wins", () => {
    const text = '{{ if eq .Environment.Name "a" }}A{{ else if eq .Environment.Name "b" "c" }}BC{{ else }}Z{{ end }}';
    expect(["a", "b", "c", "d"].map((env) => renderForEnvironment(text, env))).toEqual(["A", "BC", "BC", "Z"]);
  });

  it("GIVEN a template action helmfile could read differently THEN it is refused, not guessed", () => {
    expect(() => renderForEnvironment("{{ .Values.x }}", "infra")).toThrow("unsupported template action {{ .Values.x }}");
    expect(() => renderForEnvironment('{{ if eq .Environment.Name "a" }}A', "a")).toThrow("unterminated {{ if }}");
  });
});
