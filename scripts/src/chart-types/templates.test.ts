import { describe, expect, it } from "vitest";
import { actions, type Usage, UsageCollector } from "./templates.js";

/** The usage tree as `path: flags` lines (`w` whole, `k:<kind>`), for compact assertions. */
function flat(usage: Usage, prefix = ""): string[] {
  return [...usage.children].flatMap(([key, child]) => {
    const path = prefix === "" ? key : `${prefix}.${key}`;
    const flags = [child.whole ? "w" : "", ...[...child.kinds].map((k) => `k:${k}`)].filter((f) => f !== "").join(",");
    return [`${path}${flags === "" ? "" : ` ${flags}`}`, ...flat(child, path)];
  });
}

const usageOf = (...templates: string[]): string[] => {
  const collector = new UsageCollector();
  for (const template of templates) collector.add(template);
  return flat(collector.usage);
};

describe("template .Values usage", () => {
  it("GIVEN actions with trim markers, strings holding }} and comments THEN only the action bodies are read", () => {
    expect(actions('a {{- .Values.x -}} b {{ "}}" }} {{/* .Values.no }} */}} {{ .Values.y }}')).toEqual([".Values.x", '"}}"', ".Values.y"]);
  });

  it("GIVEN field chains through .Values, $.Values and a helper's .ctx.Values THEN each path is read", () => {
    expect(usageOf("{{ .Values.image.tag }}{{ $.Values.a.b }}{{ define \"x\" }}{{ .ctx.Values.c }}{{ end }}")).toEqual(["image", "image.tag w", "a", "a.b w", "c w"]);
  });

  it("GIVEN index with literal keys THEN the keys are read as a path", () => {
    expect(usageOf('{{ index .Values "my-key" "sub" }}')).toEqual(["my-key", "my-key.sub w"]);
  });

  it("GIVEN with and range THEN the dot moves into the value (range: into each element) and else/end restore it", () => {
    const template = [
      "{{ with .Values.service }}{{ .port }}{{ else }}{{ .Values.fallback }}{{ end }}",
      "{{ range .Values.servers }}{{ .name }}{{ end }}",
      "{{ range $k, $v := .Values.env }}{{ $v.value }}{{ end }}",
      "{{ .Values.after }}",
    ].join("");
    expect(usageOf(template)).toEqual(["service", "service.port w", "fallback w", "servers w", "servers.*", "servers.*.name w", "env w", "env.*", "env.*.value w", "after w"]);
  });

  it("GIVEN a variable bound to a values path THEN reads through it land on that path and the binding alone is no use", () => {
    expect(usageOf("{{ $svc := .Values.service }}{{ $svc.type }}")).toEqual(["service", "service.type w"]);
  });

  it("GIVEN conditions (if, with) THEN the tested value is not marked as used whole, toYaml is", () => {
    expect(usageOf("{{ if .Values.a }}{{ toYaml .Values.b | nindent 2 }}{{ end }}")).toEqual(["a", "b w"]);
  });

  it("GIVEN kindIs and typeIs tests THEN the tested kinds are recorded on the value", () => {
    expect(usageOf('{{ if kindIs "string" .Values.secret }}{{ end }}{{ if typeIs "[]interface {}" .Values.list }}{{ end }}')).toEqual(["secret k:string", "list k:[]interface {}"]);
  });
});
