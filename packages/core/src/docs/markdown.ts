import { header } from "../emit/index.js";

// Characters that start Markdown inline syntax (emphasis, links, HTML, strikethrough, entities)
// or end a table cell; a backslash makes each of them literal in GitHub Flavored Markdown.
const inlineSyntax = /[\\`*_[\]<>|~&]/g;

const oneLine = (value: unknown): string => String(value).replace(/\r\n|\r|\n/g, " ");

/**
 * Text for a Markdown table cell, shown literally: inline syntax is backslash-escaped and line
 * breaks become spaces, so a value can neither format itself nor break the table.
 */
export function markdownCell(value: unknown): string {
  return oneLine(value).replace(inlineSyntax, (char) => `\\${char}`);
}

/**
 * A code span (`` `value` ``) that survives inside a table cell: the fence is longer than any
 * backtick run in the value and `|` is escaped, which GFM tables honour even in code spans.
 * Code spans take backslashes literally, so a value with a backslash (which could turn the
 * escaped `|` into a cell border) becomes an HTML `<code>` element with escaped text instead.
 * An empty value gives an empty string, because an empty code span is not one.
 */
export function markdownCode(value: unknown): string {
  const text = oneLine(value);
  if (text === "") return "";
  if (text.includes("\\")) return `<code>${markdownCell(text)}</code>`;
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  // CommonMark strips one space from each end of a code span when both ends have one, and a
  // value touching the fence with a backtick would lengthen it: padding keeps the value intact.
  const stripped = text.startsWith(" ") && text.endsWith(" ") && text.trim() !== "";
  const pad = text.startsWith("`") || text.endsWith("`") || stripped ? " " : "";
  return `${fence}${pad}${text.replace(/\|/g, "\\|")}${pad}${fence}`;
}

/** The generated-file marker as an HTML comment, invisible when GitHub renders the file. */
export function markdownHeader(source: string): string {
  // "--" would end the comment early (and is not allowed inside one).
  const safe = oneLine(source).replace(/--/g, "- -");
  return `${header(safe, "<!--").trimEnd()} -->\n`;
}
