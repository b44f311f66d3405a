import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generatedMarker } from "../emit/index.js";
import { markdownCell, markdownCode, markdownHeader } from "./markdown.js";
import { markdownToHtml } from "./testing/index.js";

// Characters with a meaning in Markdown, GFM tables or HTML, plus ordinary text and line breaks.
// Whole URLs are left out: GitHub turns them into links (text unchanged), which is fine.
const hostileChars = [..."\\`*_[]<>|~&#!-+=:()'\" {}.;/@", "\n", "\r\n", "a", "b", "1", "é", "😀", "&amp;", "&#124;", "<br>"];
const hostile = fc.array(fc.constantFrom(...hostileChars), { maxLength: 30 }).map((parts) => parts.join(""));
const anyText = fc.oneof(hostile, fc.string({ unit: "grapheme-ascii", maxLength: 30 }));

const decodeHtml = (html: string): string =>
  html
    .replace(/<[^>]+>/g, "")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** Renders a one-column table with `cell` as its only body cell; returns the cells' inner HTML. */
function renderCells(cell: string): string[] {
  const html = markdownToHtml(`| head |\n| --- |\n| ${cell} |\n`);
  return [...html.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((m) => m[1]!);
}

const asShown = (value: string): string => value.replace(/\r\n|\r|\n/g, " ");

describe("markdownCell", () => {
  it("GIVEN any text WHEN placed in a table cell THEN GitHub shows exactly that text (line breaks as spaces) in exactly one cell", () => {
    fc.assert(
      fc.property(anyText, (value) => {
        const cells = renderCells(markdownCell(value));
        expect(cells).toHaveLength(1);
        expect(decodeHtml(cells[0]!)).toBe(asShown(value).trim());
      }),
      { numRuns: 500 },
    );
  });

  it("GIVEN hostile names THEN no formatting, link or HTML element is produced", () => {
    for (const value of ["*bold* _em_ ~~gone~~", "<script>alert(1)</script>", "[x](/evil)", "a | b | c", "`code`", "&lt;", "line\nbreak"]) {
      const [cell] = renderCells(markdownCell(value));
      expect(cell, value).not.toMatch(/<(em|strong|del|a|script|code|br)\b/);
    }
  });
});

describe("markdownCode", () => {
  it("GIVEN any text WHEN placed in a table cell THEN GitHub shows it verbatim as code in exactly one cell", () => {
    fc.assert(
      fc.property(anyText, (value) => {
        fc.pre(asShown(value) !== "");
        const cells = renderCells(markdownCode(value));
        expect(cells).toHaveLength(1);
        const code = /^<code>([\s\S]*)<\/code>$/.exec(cells[0]!);
        expect(code, cells[0]).not.toBeNull();
        expect(decodeHtml(code![1]!)).toBe(asShown(value));
      }),
      { numRuns: 500 },
    );
  });

  it("GIVEN an empty value THEN it gives an empty string, not an empty code span", () => {
    expect(markdownCode("")).toBe("");
  });
});

describe("markdownHeader", () => {
  it("GIVEN a source THEN the header is one HTML comment with the generated marker, invisible when rendered", () => {
    const header = markdownHeader("cluster infra");
    expect(header).toMatch(new RegExp(`^<!-- ${generatedMarker} from cluster infra\\. .* -->\\n$`));
    expect(markdownToHtml(`${header}# Title\n`)).toBe(`${header}<h1>Title</h1>\n`);
  });

  it("GIVEN a source with -- or a line break THEN the comment still closes only at its end", () => {
    const header = markdownHeader("evil --> <b>x</b>\nmore");
    expect(header.indexOf("-->")).toBe(header.length - 4);
    expect(header.split("\n")).toHaveLength(2);
  });
});
