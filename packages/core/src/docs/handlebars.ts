import Handlebars from "handlebars";
import { markdownCell, markdownCode } from "./markdown.js";

// An isolated instance: helpers registered here never leak into (or collide with) other users
// of the global Handlebars object in the same process.
const instance = Handlebars.create();

const orDash = (format: (value: unknown) => string) => (value: unknown): string => (value === "" || value === undefined || value === null ? "–" : format(value));

/** `{{cell value}}`: literal text in a table cell; an empty value shows as `–`. */
instance.registerHelper("cell", orDash(markdownCell));
/** `{{code value}}`: a code span in a table cell; an empty value shows as `–`. */
instance.registerHelper("code", orDash(markdownCode));

/**
 * Compiles a Markdown template. `noEscape`: Markdown is not HTML, values are escaped by the
 * helpers where they land. `strict`: a field the data lacks is an error, not an empty string.
 */
export function compileTemplate<T>(template: string): (data: T) => string {
  const render = instance.compile<T>(template, { noEscape: true, strict: true });
  return (data) => render(data);
}
