/**
 * A Go-template expression that External Secrets evaluates when it writes the Secret, e.g.
 * `{{ .password | toJson }}`. It lands in the file unquoted, so the rendered value is inserted
 * exactly where the expression stands.
 */
export interface TemplateExpression {
  readonly expression: string;
}

/** Marks a Go-template expression (see {@link TemplateExpression}). */
export function goTemplate(expression: string): TemplateExpression {
  return { expression };
}

/**
 * The fetched Secret key as a YAML/JSON string literal. `toJson` quotes and escapes whatever the
 * value holds, so a `/`, `+` or `:` in a generated key can never break the document around it.
 */
export function quotedSecret(key: string): TemplateExpression {
  return goTemplate(`{{ .${key} | toJson }}`);
}

export type TemplateValue = string | number | boolean | TemplateExpression | readonly (string | number | boolean)[] | TemplateObject;
export interface TemplateObject {
  readonly [key: string]: TemplateValue;
}

const isExpression = (value: unknown): value is TemplateExpression =>
  typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length === 1 && "expression" in value;

const plainKey = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function lines(object: TemplateObject, indent: string): string[] {
  return Object.entries(object).flatMap(([key, value]) => {
    const name = plainKey.test(key) ? key : JSON.stringify(key);
    if (isExpression(value)) return [`${indent}${name}: ${value.expression}`];
    if (Array.isArray(value)) return [`${indent}${name}: [${value.map((v) => JSON.stringify(v)).join(", ")}]`];
    if (typeof value === "object") return [`${indent}${name}:`, ...lines(value as TemplateObject, `${indent}  `)];
    // JSON string literals are YAML double-quoted scalars, so no value is ever re-typed by YAML.
    return [`${indent}${name}: ${JSON.stringify(value)}`];
  });
}

/**
 * A block-style YAML document for an ExternalSecret template: literal values are JSON-quoted,
 * {@link TemplateExpression}s are written as they are. Deterministic (insertion order).
 */
export function templateYaml(object: TemplateObject): string {
  return `${lines(object, "").join("\n")}\n`;
}
