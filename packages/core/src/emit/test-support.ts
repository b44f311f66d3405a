import fc from "fast-check";

// Strings YAML writers get wrong: YAML 1.1 bool/null/number/date/sexagesimal lookalikes,
// indicators, document markers, whitespace at the edges and around newlines, escapes.
export const yamlSpecials: readonly string[] = [
  "", "no", "No", "NO", "n", "N", "on", "On", "off", "OFF", "y", "Y", "yes", "Yes", "true", "False", "TRUE",
  "null", "Null", "NULL", "~", "0755", "0o17", "0x1F", "0b101", "1_000", "12", "-12", "+12", "1:20", "1:20:30.5",
  "190:20:30", "2001-12-14", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5", ".inf", "-.Inf", ".nan",
  ".NaN", "1e5", "e5", "E+3", "1.5", ".5", "5.", ".", "<<", "=", "-", "- ", "-a", "--", "---", "--- x", "...",
  "... x", "?", "? ", "?a", ":", ": ", ":a", "a:", "a: b", "a:b", "a #b", "a#b", "#a", "&a", "*a", "!a", "%a",
  "%YAML 1.1", "@a", "`a", "'a'", '"a"', "a'b\"c", "it's", 'say "hi"', "{a", "}", "[a", "]", ",a", "a,", "|", "|-",
  ">", "a\tb", "\ta", "a\t", "a\r\nb", "\r", "a\n", "a\n\n", "a\n\n\n", "\na", "\n\na", " a", "a ", " ", "  ",
  "\n", "\n\n", " \n", "\n ", "a\n b", "a \nb", "a\n\tb", "a\n---\nb", "a\n...\nb", "a\n%b", "\0", "\x07", "\x08",
  "\x0b", "\x1b", "\x7f", "\x85", "\x9f", "\xa0", "\u2028", "\u2029", "n\u2028...", "a\u2029--- b", "x\u2028%y", "\ufeff", "é", "ü:", "😀", "a😀b", "\ud800",
  "\udc00x", "\\", "\\n", "a\\", "C:\\path", "x".repeat(1030), "a b ".repeat(300), "line\n".repeat(30),
];

const pieces = fc.oneof(
  fc.constantFrom(...yamlSpecials),
  fc.constantFrom(" ", "\n", "\t", "#", ":", "-", "?", "'", '"', "\\", ".", ",", "0", "1", "e", "y", "n", "\r"),
  fc.string({ maxLength: 6 }),
  fc.string({ unit: "binary", maxLength: 4 }),
);

/** Short compositions of YAML-hostile pieces, plus arbitrary unicode (lone surrogates included). */
export const yamlString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.array(pieces, { maxLength: 5 }).map((parts) => parts.join("")) },
  { weight: 1, arbitrary: fc.constantFrom(...yamlSpecials) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 20 }) },
);

/** Keys: any {@link yamlString} but `<<`, which the emitters refuse as a key (see MergeKeyError). */
export const yamlKey: fc.Arbitrary<string> = yamlString.filter((key) => key !== "<<");

const scalar = fc.oneof(
  yamlString,
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);

/** JSON-like documents whose keys are {@link yamlKey}s and string values {@link yamlString}s. */
export const yamlValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    scalar,
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(yamlKey, tie("value"), { maxKeys: 5 }),
  ),
})).value;
