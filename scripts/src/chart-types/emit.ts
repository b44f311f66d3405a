import type { ObjectNode, Prop, TypeNode } from "./model.js";

/**
 * Prints a values type as TypeScript: one exported object type per object (named after its path, so
 * a compiler message names the place: `CorednsValuesService`), no index signature unless the
 * object is open, TSDoc from the chart's comments and defaults.
 */

const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function pascal(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== "")
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join("");
}

function docComment(lines: readonly string[], defaultText: string | undefined, indent: string): string {
  const body = [...lines];
  if (defaultText !== undefined) body.push(`@default ${defaultText}`);
  if (body.length === 0) return "";
  const escaped = body.map((line) => line.replaceAll("*/", "*\\/").trimEnd());
  if (escaped.length === 1) return `${indent}/** ${escaped[0]} */\n`;
  return `${indent}/**\n${escaped.map((line) => (line === "" ? `${indent} *` : `${indent} * ${line}`)).join("\n")}\n${indent} */\n`;
}

class Printer {
  private readonly used = new Set<string>();
  private readonly blocks: string[] = [];

  private name(base: string): string {
    let name = base;
    for (let n = 2; this.used.has(name); n++) name = `${base}${n}`;
    this.used.add(name);
    return name;
  }

  type(node: TypeNode, name: string): string {
    switch (node.kind) {
      case "unknown":
        return "unknown";
      case "scalar":
        return node.type;
      case "literal":
        return JSON.stringify(node.value);
      case "array": {
        const item = this.type(node.items, `${name}Item`);
        return node.items.kind === "union" ? `(${item})[]` : `${item}[]`;
      }
      case "record":
        return `Record<string, ${this.type(node.values, `${name}Value`)}>`;
      case "union": {
        let objects = 0;
        return node.members.map((member) => this.type(member, member.kind === "object" && objects++ > 0 ? `${name}${objects}` : name)).join(" | ");
      }
      case "object":
        return this.object(node, name);
    }
  }

  object(node: ObjectNode, base: string): string {
    if (node.props.size === 0) return node.open === false ? "Record<string, never>" : `Record<string, ${this.type(node.open, `${base}Value`)}>`;
    const name = this.name(base);
    const slot = this.blocks.length;
    this.blocks.push("");
    const members = [...node.props].map(([key, prop]) => this.member(key, prop, name));
    if (node.open !== false) members.push("  [key: string]: unknown;\n");
    // A type alias, not an interface: an object type alias is assignable to Record<string, unknown>
    // (the HelmRelease values), an interface without an index signature is not.
    this.blocks[slot] = `export type ${name} = {\n${members.join("")}};\n`;
    return name;
  }

  private member(key: string, prop: Prop, parent: string): string {
    const printed = identifier.test(key) ? key : JSON.stringify(key);
    const type = this.type(prop.node, `${parent}${pascal(key) || "Key"}`);
    return `${docComment(prop.doc, prop.defaultText, "  ")}  ${printed}${prop.required ? "" : "?"}: ${type};\n`;
  }

  text(): string {
    return this.blocks.join("\n");
  }
}

/** The interfaces of one values type, the root named `rootName`. */
export function printValuesType(node: TypeNode, rootName: string): string {
  const printer = new Printer();
  const root = printer.type(node, rootName);
  const text = printer.text();
  return root === rootName ? text : `${text}${text === "" ? "" : "\n"}export type ${rootName} = ${root};\n`;
}
