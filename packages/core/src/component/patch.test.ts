import { ConfigMap } from "kubernetes-models/v1";
import { describe, expect, it } from "vitest";
import { UserError } from "../errors/index.js";
import { append } from "../merge/index.js";
import { defineComponent, patch, type PlainResource } from "./index.js";

const cache: PlainResource = { apiVersion: "example.io/v1", kind: "Cache", metadata: { name: "cache" }, spec: { args: ["--a"], size: 1, labels: { tier: "db" } } };

const build = () =>
  defineComponent<"app" | "config">({
    name: "demo",
    namespace: "tools",
    area: "infrastructure",
    category: "system",
    stages: [
      { name: "app", resources: [cache, new ConfigMap({ metadata: { name: "settings" }, data: { mode: "on" } })] },
      { name: "config", resources: [new ConfigMap({ metadata: { name: "late" }, data: { mode: "off" } })] },
    ],
  });

const json = (value: unknown) => JSON.parse(JSON.stringify(value));

describe("patch", () => {
  it("GIVEN an overlay THEN the selected object is deep-merged (objects merge, arrays replace, append appends) and the input is unchanged", () => {
    const before = json(build());
    const component = build();
    const patched = patch(component, { kind: "Cache" }, { spec: { args: append("--b"), size: 3 } });
    expect(json(patched.stages[0]!.resources[0]).spec).toEqual({ args: ["--a", "--b"], size: 3, labels: { tier: "db" } });
    expect(json(patch(component, { kind: "Cache" }, { spec: { args: ["--c"] } }).stages[0]!.resources[0]).spec.args).toEqual(["--c"]);
    expect(json(component)).toEqual(before);
  });

  it("GIVEN a function THEN it receives the object's JSON and its result replaces the object", () => {
    const patched = patch(build(), { kind: "ConfigMap", name: "settings" }, (cm: { data: Record<string, string> }) => ({ ...cm, data: { ...cm.data, extra: "1" } }));
    expect(json(patched.stages[0]!.resources[1]).data).toEqual({ mode: "on", extra: "1" });
    expect(json(patched.stages[1]!.resources[0]).data).toEqual({ mode: "off" });
  });

  it("GIVEN a kubernetes-models object THEN the patched object is still a model that validates against its schema", () => {
    const patched = patch(build(), { kind: "ConfigMap", stage: "config" }, { data: { mode: "on" } });
    const [late] = patched.stages[1]!.resources;
    expect(late).toBeInstanceOf(ConfigMap);
    expect(json(late).data).toEqual({ mode: "on" });
    expect(json(patched.stages[0]!.resources[1]).data).toEqual({ mode: "on" });
  });

  it("GIVEN a selector that matches nothing THEN the error names the component and the selector", () => {
    const misspelt = () => patch(build(), { kind: "Cahce" }, { spec: {} });
    expect(misspelt).toThrow(UserError);
    expect(misspelt).toThrow('patch: component "demo" emits no object matching Cahce');
    expect(() => patch(build(), { kind: "ConfigMap", name: "settings", stage: "config" }, {})).toThrow('emits no object matching ConfigMap settings in stage config');
  });

  it("GIVEN a function that changes the kind THEN the patch is refused", () => {
    expect(() => patch(build(), { kind: "Cache" }, (o: PlainResource) => ({ ...o, kind: "Other" }))).toThrow("a patch must not change apiVersion or kind");
  });
});
