/** A path into an inventory document, e.g. `["nodes", 1, "hostname"]`. */
export type FieldPath = readonly (string | number)[];

/** A place in one of the inventories being parsed: which source and which field. */
export interface FieldRef {
  /** Index of the source in the list given to `parseInventories`. */
  readonly source: number;
  readonly path: FieldPath;
}

/**
 * One problem found in one source. `message` is the text after the field path and already names
 * the offending value; `related` points at the other party of a collision or duplicate.
 */
export interface Finding extends FieldRef {
  readonly message: string;
  /** Point at the key rather than the value (unknown fields). */
  readonly atKey?: boolean;
  readonly related?: FieldRef;
}

const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Renders a path the way a reader would write it in code: `nodes[1].network.interfaces[0]`. */
export function formatPath(path: FieldPath): string {
  if (path.length === 0) return "(document)";
  return path
    .map((segment, i) => {
      if (typeof segment === "number") return `[${segment}]`;
      if (!identifier.test(segment)) return `[${JSON.stringify(segment)}]`;
      return i === 0 ? segment : `.${segment}`;
    })
    .join("");
}
