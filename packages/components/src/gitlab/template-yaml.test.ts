import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { goTemplate, quotedSecret, templateYaml } from "./template-yaml.js";

describe("templateYaml", () => {
  it("GIVEN literals THEN the document parses back to the same values, even ones YAML would re-type", () => {
    const literal = { a: "yes", b: "0123", c: 4, d: true, e: { f: "x: y", g: ["on", "off"] } };
    expect(parse(templateYaml(literal))).toEqual(literal);
  });

  it("GIVEN template expressions THEN they are written unquoted where they stand", () => {
    expect(templateYaml({ s3: { accesskey: quotedSecret("access_key_id"), raw: goTemplate("{{ .x }}") } })).toBe(
      "s3:\n  accesskey: {{ .access_key_id | toJson }}\n  raw: {{ .x }}\n",
    );
  });

  it("GIVEN a template expression rendered with a JSON-quoted value THEN the YAML holds that value verbatim", () => {
    const secret = 'a"b: c/+#';
    const rendered = templateYaml({ secret: quotedSecret("s") }).replace("{{ .s | toJson }}", JSON.stringify(secret));
    expect(parse(rendered)).toEqual({ secret });
  });
});
