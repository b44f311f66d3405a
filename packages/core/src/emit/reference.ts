import { Document, type Tags } from "yaml";
import { faithfulStringTag } from "./faithful.js";
import { orderDocument } from "./order.js";

/**
 * The options every emitted document is written with: YAML 1.1 quoting for the Go readers that
 * follow it (`no`, `on`, `0755`), plus the YAML 1.2 core schema as `compat` so that strings a
 * 1.2 reader (kustomize's kyaml, yaml.v3) would type, such as `0o17`, are quoted too; strings
 * yaml would write wrongly as JSON ({@link faithfulStringTag}); no anchors.
 */
export const documentOptions = {
  version: "1.1",
  compat: "core",
  aliasDuplicateObjects: false,
  // The merge tag goes too: nothing emitted is a merge key, and it would write `<<` bare.
  customTags: (tags: Tags) => [faithfulStringTag, ...tags.filter((tag) => typeof tag === "string" || tag.tag !== "tag:yaml.org,2002:merge")],
} as const;
export const toStringOptions = { lineWidth: 0, directives: false, indentSeq: true } as const;

/**
 * The reference serialisation of one document through yaml's `Document` model: the
 * definition of the bytes the fast emitter must reproduce, and its fallback for inputs
 * outside the JSON subset it handles itself.
 */
export function referenceDocument(document: unknown, preserveOrder = false): string {
  const data: unknown = preserveOrder ? JSON.parse(JSON.stringify(document)) : orderDocument(document);
  return new Document(data, documentOptions).toString(toStringOptions);
}
