import { describe, expect, it } from "vitest";
import { chartValuesType } from "./chart.js";
import { printValuesType } from "./emit.js";

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

/** A chart folder as the archive holds it. */
const chart = (files: Record<string, string>): Map<string, Uint8Array> => new Map(Object.entries(files).map(([path, text]) => [path, encode(text)]));

const printed = (files: Map<string, Uint8Array>): string => printValuesType(chartValuesType(files, "demo"), "DemoValues");

describe("chart values type", () => {
  it("GIVEN a schema THEN its types, enums, required and additionalProperties win over values.yaml", () => {
    const schema = {
      type: "object",
      additionalProperties: false,
      required: ["url", "mode"],
      properties: {
        mode: { type: "string", enum: ["a", "b"] },
        url: { type: "string" },
        port: { $ref: "#/$defs/port" },
        labels: { type: "object", additionalProperties: { type: "string" } },
        open: { type: "object", properties: { known: { type: "boolean" } }, additionalProperties: true },
        partly: { type: "object", properties: { inSchema: { type: "integer" } } },
        commented: { type: "string", description: "From the schema." },
      },
      $defs: { port: { type: ["integer", "null"], description: "The port." } },
    };
    const text = printed(
      chart({
        "demo/Chart.yaml": "name: demo\nversion: 1.0.0\n",
        "demo/values.yaml": "mode: a\nport: 80\nnotInSchema: 1\npartly: {inSchema: 1, onlyInValues: x}\n",
        "demo/values.schema.json": JSON.stringify(schema),
        "demo/templates/a.yaml": "{{ .Values.commented }}",
      }),
    );
    // `mode` has a default, so the schema's `required` is met; `url` has none: the user must set it.
    expect(text).toContain('  mode?: "a" | "b";\n');
    expect(text).toContain("  url: string;\n");
    expect(text).toContain("  /**\n   * The port.\n   * @default 80\n   */\n  port?: number | null;\n");
    expect(text).toContain("  labels?: Record<string, string>;\n");
    expect(text).not.toContain("notInSchema");
    // Commented out in values.yaml, read by a template, described by the schema: the schema's words.
    expect(text).toContain("  /** From the schema. */\n  commented?: string;\n");
    expect(text).toContain("export type DemoValuesOpen = {\n  known?: boolean;\n  [key: string]: unknown;\n};\n");
    // additionalProperties unset: the schema's keys plus values.yaml's, still closed.
    expect(text).toContain("export type DemoValuesPartly = {\n  /** @default 1 */\n  inSchema?: number;\n  /** @default \"x\" */\n  onlyInValues?: string;\n};\n");
  });

  it("GIVEN subcharts THEN their values nest under the alias, their global keys join the parent's global, and library templates read the parent's values", () => {
    const text = printed(
      chart({
        "demo/Chart.yaml": "name: demo\nversion: 1.0.0\ndependencies:\n  - name: sub\n    alias: cache\n    condition: cache.enabled\n  - name: lib\n",
        "demo/values.yaml": "global: {imageRegistry: ''}\ncache: {replicas: 2}\n",
        "demo/charts/sub/Chart.yaml": "name: sub\nversion: 0.1.0\n",
        "demo/charts/sub/values.yaml": "replicas: 1\nimage: {tag: v1}\nglobal: {storageClass: ''}\n",
        "demo/charts/sub/templates/deploy.yaml": "{{ .Values.image.tag }}",
        "demo/charts/lib/Chart.yaml": "name: lib\nversion: 0.1.0\ntype: library\n",
        "demo/charts/lib/templates/_helpers.tpl": '{{ define "lib.name" }}{{ .Values.fromLibrary }}{{ end }}',
      }),
    );
    expect(text).toContain("export type DemoValuesGlobal = {\n  /** @default \"\" */\n  imageRegistry?: string | number;\n  /** @default \"\" */\n  storageClass?: string | number;\n};\n");
    expect(text).toContain("  cache?: DemoValuesCache;\n");
    expect(text).toMatch(/export type DemoValuesCache = \{\n {2}\/\*\* @default 1 \*\/\n {2}replicas\?: number;\n {2}image\?: DemoValuesCacheImage;\n {2}enabled\?: boolean;\n\};\n/);
    expect(text).toContain("  /** Not in the chart's values.yaml; its templates read it. */\n  fromLibrary?: unknown;\n");
    expect(text).not.toContain("  lib?:");
  });

  it("GIVEN a chart without values.yaml THEN every chart still accepts global", () => {
    expect(printed(chart({ "demo/Chart.yaml": "name: demo\nversion: 1.0.0\n" }))).toBe("export type DemoValues = {\n  global?: Record<string, unknown>;\n};\n");
  });
});
