import { z } from "zod";
import { showValue } from "../errors/index.js";
import type { FieldPath, Finding } from "./finding.js";
import { closestMatch } from "./suggest.js";

const typeNames: Record<string, string> = {
  string: "a string",
  number: "a number",
  int: "an integer",
  boolean: "true or false",
  object: "a mapping",
  array: "a list",
};

/**
 * Zod error customizer: turns each built-in issue into a phrase that follows the offending value
 * ("64.5 has the wrong type (expected an integer)"). Schema-level messages take precedence.
 */
export function issuePhrase(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case "invalid_type": {
      const expected = typeNames[issue.expected] ?? issue.expected;
      return issue.input === undefined
        ? `required field is missing (expected ${expected})`
        : `has the wrong type (expected ${expected})`;
    }
    case "too_small": {
      const bound = `${issue.inclusive === false ? "more than" : "at least"} ${String(issue.minimum)}`;
      if (issue.origin === "array") return `has too few items (expected ${bound})`;
      if (issue.origin === "string") return `is too short (expected ${bound} characters)`;
      return `is too small (expected ${bound})`;
    }
    case "too_big": {
      const bound = `${issue.inclusive === false ? "less than" : "at most"} ${String(issue.maximum)}`;
      if (issue.origin === "array") return `has too many items (expected ${bound})`;
      if (issue.origin === "string") return `is too long (expected ${bound} characters)`;
      return `is too big (expected ${bound})`;
    }
    case "invalid_value":
      return `is not allowed (expected one of ${issue.values.map((v) => showValue(v)).join(", ")})`;
    case "invalid_format":
      return `is not a valid ${issue.format}`;
    case "not_multiple_of":
      return `is not a multiple of ${String(issue.divisor)}`;
    default:
      return undefined;
  }
}

function unwrap(schema: z.ZodType | undefined): z.ZodType | undefined {
  let current = schema;
  while (current instanceof z.ZodOptional || current instanceof z.ZodDefault) current = current.unwrap() as z.ZodType;
  return current;
}

/** The field names the schema allows for the object at `path` (for "did you mean"). */
function knownKeys(schema: z.ZodType, path: FieldPath): string[] {
  let current = unwrap(schema);
  for (const segment of path) {
    if (current instanceof z.ZodObject) current = unwrap((current.shape as Record<string, z.ZodType>)[String(segment)]);
    else if (current instanceof z.ZodArray) current = unwrap(current.element as z.ZodType);
    else return [];
  }
  return current instanceof z.ZodObject ? Object.keys(current.shape as object) : [];
}

function unknownFieldMessage(key: string, known: readonly string[]): string {
  const suggestion = closestMatch(key, known);
  if (suggestion !== undefined) return `unknown field ${showValue(key)} (did you mean ${showValue(suggestion)}?)`;
  if (known.length === 0) return `unknown field ${showValue(key)}`;
  return `unknown field ${showValue(key)} (expected one of ${known.join(", ")})`;
}

function toPath(path: readonly PropertyKey[]): FieldPath {
  return path.map((segment) => (typeof segment === "number" ? segment : String(segment)));
}

/** Turns zod issues of one source into findings with field paths and messages naming the value. */
export function schemaFindings(source: number, schema: z.ZodType, issues: readonly z.core.$ZodIssue[]): Finding[] {
  return issues.flatMap((issue): Finding[] => {
    const path = toPath(issue.path);
    if (issue.code === "unrecognized_keys") {
      const known = knownKeys(schema, path);
      return issue.keys.map((key) => ({ source, path: [...path, key], message: unknownFieldMessage(key, known), atKey: true }));
    }
    const message = issue.input === undefined ? issue.message : `${showValue(issue.input)} ${issue.message}`;
    return [{ source, path, message }];
  });
}
