import { Document, Scalar } from "yaml";
import { stringifyString, type StringifyContext } from "yaml/util";
import { doubleQuotedJson, MergeKeyError, yamlWritesWrongly } from "./faithful.js";
import { documentOptions, toStringOptions } from "./reference.js";

// The schema whose implicit tags (and those of its compat schema) decide whether a plain
// scalar would read back as a non-string: the tests of yaml's plainString.
const schemaDocument = new Document(null, documentOptions);
const { schema } = schemaDocument;
const nonStringTests: readonly RegExp[] = [...schema.tags, ...(schema.compat ?? [])].flatMap((tag) =>
  tag.default && tag.tag !== "tag:yaml.org,2002:str" && tag.test ? [tag.test] : [],
);

// yaml's createStringifyContext defaults merged with the options of the reference path
// (lineWidth, directives, indentSeq); lineWidth 0 disables folding, so a scalar's text depends
// only on its indent and on whether it is a key.
const stringifyOptions = {
  blockQuote: true,
  commentString: (comment: string) => `#${comment}`,
  defaultKeyType: null,
  defaultStringType: "PLAIN",
  doubleQuotedAsJSON: false,
  doubleQuotedMinMultiLineLength: 40,
  falseStr: "false",
  flowCollectionPadding: true,
  minContentWidth: 20,
  nullStr: "null",
  simpleKeys: false,
  singleQuote: null,
  trailingComma: false,
  trueStr: "true",
  verifyAliasOrder: true,
  ...toStringOptions,
};

/** A string scalar exactly as yaml writes it at `indent` (as a mapping key when `implicitKey`). */
export function yamlString(value: string, indent: string, implicitKey: boolean): string {
  const ctx = {
    actualString: true,
    anchors: new Set<string>(),
    doc: schemaDocument,
    flowCollectionPadding: " ",
    implicitKey,
    indent,
    indentStep: "  ",
    inFlow: null,
    options: stringifyOptions,
  } as unknown as StringifyContext;
  if (yamlWritesWrongly(value)) {
    if (implicitKey && value === "<<") throw new MergeKeyError();
    return doubleQuotedJson(value);
  }
  return stringifyString(new Scalar(value), ctx);
}

// One regular expression for "would read back as a non-string": yaml's own tag tests, joined.
const nonString = new RegExp(nonStringTests.map((test) => `(?:${test.source})`).join("|"));
if (nonStringTests.some((test) => test.flags !== "")) throw new Error("yaml tag tests with flags cannot be joined");

// Per ASCII code: may a plain scalar start with it (not an indicator, nor `-`, `?`, `:` whose
// rules depend on the next character), and can a YAML 1.1 or 1.2 core implicit tag (bool, null,
// int, float, sexagesimal, timestamp, merge) match a string starting with it. Of the letters,
// only booleans and null (at most 5 characters) and 1.1 exponents (`e5`) can match.
const plainFirst = 1;
const tagFirst = 2;
const firstFlags = new Uint8Array(128);
for (let code = 0x21; code <= 0x7e; code++) firstFlags[code] = plainFirst;
for (const ch of "\t ,[]{}#&*!|>'\"%@`-?:") firstFlags[ch.charCodeAt(0)] = 0;
for (const ch of "yYnNtTfFoOeE0123456789+-.~<") firstFlags[ch.charCodeAt(0)]! |= tagFirst;

// Identifier-like strings, the bulk of a manifest: only the first-character rules apply to them.
const simple = /^[A-Za-z0-9_./][A-Za-z0-9_./-]*$/;

/**
 * The text yaml writes for a single-line string in block context, when it can be decided by a
 * character scan instead of yaml's regular expressions: the string itself when yaml keeps it
 * plain, `"string"` when yaml quotes it only because it would read back as a bool, null,
 * number or timestamp. `undefined` means "ask yaml" ({@link yamlString}); it is conservative.
 * Mirrors stringifyString's plainString and doubleQuotedString for these strings.
 */
export function fastString(value: string): string | undefined {
  const length = value.length;
  if (length === 0) return undefined;
  const first = value.charCodeAt(0);
  const flags = first < 128 ? firstFlags[first]! : 0;
  if ((flags & plainFirst) === 0) return undefined;
  if (!simple.test(value) && !plainInside(value, length)) return undefined;
  if (first === 46 /* . */ && value.startsWith("...")) return undefined; // document marker
  if (first === 60 /* < */ && value === "<<") return undefined; // the merge key: see yamlWritesWrongly
  if ((flags & tagFirst) !== 0 && (length <= 5 || first < 65 || first === 69 || first === 101) && nonString.test(value)) {
    // Tag tests match only digits, letters, signs, `.`, `:`, `_`, `~`, `<` and blanks: nothing JSON escapes.
    return value.includes('"') || value.includes("\\") ? undefined : `"${value}"`;
  }
  return value;
}

/** The characters after the first obey plainString's rules for a single line. */
function plainInside(value: string, length: number): boolean {
  for (let i = 1; i < length; i++) {
    const ch = value.charCodeAt(i);
    if (ch >= 0x21 && ch <= 0x7e) {
      if (ch === 58 /* : */ && i === length - 1) return false;
    } else if (ch === 0x20) {
      if (i === length - 1) return false;
      if (value.charCodeAt(i + 1) === 35 /* # */ || value.charCodeAt(i - 1) === 58 /* : */) return false;
    } else if (ch < 0xa0 || (ch >= 0xd800 && ch <= 0xdfff) || ch === 0x2028 || ch === 0x2029) {
      // Control characters, tabs, newlines, C1, surrogates, and the line separators after which
      // yaml's multiline /^---/m finds a document marker: yaml's quoting and block rules.
      return false;
    }
  }
  return true;
}
