import type { ScalarTag } from "yaml";

/**
 * Thrown for a mapping key `<<`, which no YAML text can carry to Flux: kustomize (kyaml) takes
 * any `<<` key as a merge key, bare or quoted, and fails the build or drops the key. The
 * emitter turns it into a UserError naming the file's source and the key's path.
 */
export class MergeKeyError extends Error {
  constructor() {
    super('a mapping key "<<" cannot be written');
  }
}

/**
 * Strings yaml 2.9 does not write back faithfully:
 * - `<<` goes out bare, which YAML 1.1 readers take for the merge tag (as a value kustomize keeps
 *   it, so it is only quoted; as a key it is refused, see {@link MergeKeyError});
 * - a block scalar made only of blanks and newlines loses its blanks (no indentation indicator);
 * - a double-quoted string with a line of one space gets that space escaped twice (`\\ `, a
 *   literal backslash) when it is long enough to be written over several lines.
 * The emitters write these double-quoted as JSON instead. The property tests read every emitted
 * string back with YAML 1.1 and 1.2 parsers, so a case missing here fails them.
 */
export function yamlWritesWrongly(value: string): boolean {
  if (value === "<<") return true;
  if (/^[ \t\n]*$/.test(value) && /[ \t]/.test(value) && value.includes("\n")) return true;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the characters yaml double-quotes
  const doubleQuoted = /\n[\t ]+$/.test(value) || /[\x00-\x08\x0b-\x1f\x7f-\x9f]/.test(value) || /\p{Cs}/u.test(value);
  return doubleQuoted && /(^|\n) \n/.test(value);
}

/**
 * A YAML double-quoted scalar holding exactly `value`, on one line: JSON's escapes (all valid in
 * YAML) plus `\u` escapes for DEL, the C1 controls and the line separators, which JSON leaves raw
 * but YAML does not allow raw (or, in 1.1, reads as line breaks).
 */
export function doubleQuotedJson(value: string): string {
  return JSON.stringify(value).replace(/[\x7f-\x9f\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** The tag that claims {@link yamlWritesWrongly} strings before yaml's str tag does. */
export const faithfulStringTag: ScalarTag = {
  identify: (value) => typeof value === "string" && yamlWritesWrongly(value),
  default: true,
  tag: "tag:yaml.org,2002:str",
  resolve: (text) => text,
  stringify: (item, ctx) => {
    if (ctx.implicitKey && item.value === "<<") throw new MergeKeyError();
    return doubleQuotedJson(String(item.value));
  },
};
