import { describe, expect, it } from "vitest";
import { printValuesType } from "./emit.js";
import { UsageCollector } from "./templates.js";
import { helmDocs, inferValues } from "./values-yaml.js";

/** The printed values type of a values.yaml read with these templates. */
function typeOf(valuesYaml: string, ...templates: string[]): string {
  const collector = new UsageCollector();
  for (const template of templates) collector.add(template);
  return printValuesType(inferValues(valuesYaml, collector.usage, { chart: "demo" }), "DemoValues");
}

describe("values.yaml inference", () => {
  it("GIVEN helm-docs comments THEN the `# --` block is the description and `@default --` the default", () => {
    expect(helmDocs(" Some preamble\n -- Replicas of the server.\n continued here\n @default -- one per node")).toEqual({
      doc: ["Replicas of the server.", "continued here"],
      defaultText: "one per node",
    });
    expect(helmDocs(" just a note")).toEqual({ doc: [] });
  });

  it("GIVEN scalar defaults THEN each key gets its type and @default, closed: no index signature", () => {
    expect(typeOf("# -- How many\nreplicas: 1\nname: demo\nenabled: true\nport: ''\nhost: ~\n")).toBe(
      [
        "export type DemoValues = {",
        "  /**",
        "   * How many",
        "   * @default 1",
        "   */",
        "  replicas?: number;",
        '  /** @default "demo" */',
        "  name?: string;",
        "  /** @default true */",
        "  enabled?: boolean;",
        '  /** @default "" */',
        "  port?: string | number;",
        "  host?: unknown;",
        "};",
        "",
      ].join("\n"),
    );
  });

  it("GIVEN free-form maps (Kubernetes names, an empty map used whole, a non-empty map only passed on) THEN they stay open", () => {
    const printed = typeOf(
      "podAnnotations: {}\nresources: {requests: {cpu: 1}}\nextra: {}\nconfig: {a: 1}\nimage: {repository: r, tag: t}\n",
      "{{ toYaml .Values.extra }}{{ toYaml .Values.config }}{{ .Values.image.repository }}",
    );
    expect(printed).toContain("  podAnnotations?: Record<string, unknown>;\n");
    expect(printed).toContain("  resources?: Record<string, unknown>;\n");
    expect(printed).toContain("  extra?: Record<string, unknown>;\n");
    expect(printed).toContain("  config?: Record<string, unknown>;\n");
    expect(printed).toContain("  image?: DemoValuesImage;\n");
    expect(printed).toContain("export type DemoValuesImage = {\n  /** @default \"r\" */\n  repository?: string;\n  /** @default \"t\" */\n  tag?: string;\n};\n");
  });

  it("GIVEN an empty map whose sub-keys the templates read (and never the whole map) THEN it is exact with those keys", () => {
    expect(typeOf("probe2: {}\n", "{{ .Values.probe2.path }}")).toContain("export type DemoValuesProbe2 = {\n  /** Not in the chart's values.yaml; its templates read it. */\n  path?: unknown;\n};\n");
  });

  it("GIVEN keys only the templates read THEN they are optional keys of unknown type", () => {
    expect(typeOf("a: 1\n", "{{ .Values.nameOverride }}{{ .Values.a }}")).toContain("  /** Not in the chart's values.yaml; its templates read it. */\n  nameOverride?: unknown;\n");
  });

  it("GIVEN a list of maps that the templates range over field by field THEN the elements are exact; passed on whole they are free-form", () => {
    const printed = typeOf("servers: [{port: 53, plugins: [{name: errors}, {name: cache, parameters: 30}, {name: forward, parameters: x}]}]\nvolumes2: [{name: a}]\n", [
      "{{ range .Values.servers }}{{ .port }}{{ range .plugins }}{{ .name }}{{ .parameters }}{{ end }}{{ end }}",
      "{{ toYaml .Values.volumes2 }}",
    ].join(""));
    expect(printed).toContain("  servers?: DemoValuesServersItem[];\n");
    // Element values are examples, not defaults: no @default; a key one element lacks and another has is typed from the one that has it.
    expect(printed).toContain("export type DemoValuesServersItemPluginsItem = {\n  name?: string;\n  parameters?: number | string;\n};\n");
    expect(printed).toContain("  volumes2?: Record<string, unknown>[];\n");
  });

  it("GIVEN a template testing a value's kind THEN the kind joins the type values.yaml gives", () => {
    expect(typeOf("secret: {token: ''}\n", '{{ if kindIs "string" .Values.secret }}{{ end }}{{ toYaml .Values.secret }}')).toContain("  secret?: Record<string, unknown> | string;\n");
  });

  it("GIVEN values.yaml that does not parse THEN the error names the chart", () => {
    expect(() => typeOf("a: [1\n")).toThrow(/^demo: values\.yaml does not parse: /);
  });
});
