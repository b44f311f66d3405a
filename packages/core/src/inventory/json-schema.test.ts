import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { inventoryJsonSchema } from "./json-schema.js";
import { replaceOnce, validApps, validInfra } from "./__fixtures__/support.js";

type JsonObject = Record<string, unknown>;

/** Every object of the schema that lists properties, with its JSON pointer. */
function propertyOwners(node: unknown, pointer = "#"): [string, JsonObject][] {
  if (typeof node !== "object" || node === null) return [];
  const own: [string, JsonObject][] =
    "properties" in node ? [[pointer, (node as { properties: JsonObject }).properties]] : [];
  return [
    ...own,
    ...Object.entries(node).flatMap(([key, child]) => propertyOwners(child, `${pointer}/${key}`)),
  ];
}

function validator() {
  // Formats are hints for editors; the zod schema is the authority for them.
  return new Ajv({ strict: false, validateFormats: false, allErrors: true }).compile(inventoryJsonSchema());
}

describe("inventoryJsonSchema", () => {
  it("GIVEN two calls WHEN serialising THEN the schema is identical (deterministic output)", () => {
    expect(JSON.stringify(inventoryJsonSchema())).toBe(JSON.stringify(inventoryJsonSchema()));
  });

  it("GIVEN the schema WHEN reading it THEN it is draft-07, the dialect yaml-language-server handles best", () => {
    expect(inventoryJsonSchema()).toMatchObject({ $schema: "http://json-schema.org/draft-07/schema#", type: "object" });
  });

  it("GIVEN the valid fixtures WHEN validating them with ajv THEN the JSON Schema accepts them", () => {
    const validate = validator();

    for (const text of [validInfra, validApps]) {
      expect(validate(parse(text)), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it("GIVEN a misspelled field WHEN validating with ajv THEN the JSON Schema rejects it too", () => {
    const validate = validator();

    expect(validate(parse(replaceOnce(validApps, "    vault: kubernetes-apps", "    vault: kubernetes-apps\n    vaul: x")))).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({ keyword: "additionalProperties", params: { additionalProperty: "vaul" } });
  });

  it("GIVEN the schema WHEN looking at every property THEN each one has a description for hover docs", () => {
    const undocumented = propertyOwners(inventoryJsonSchema()).flatMap(([pointer, properties]) =>
      Object.entries(properties)
        .filter(([, schema]) => typeof (schema as JsonObject).description !== "string")
        .map(([name]) => `${pointer}/${name}`),
    );

    expect(undocumented).toEqual([]);
  });
});
