import { UserError } from "../errors/index.js";
import { formatPath, type Finding } from "./finding.js";
import { inventoryRules, type SourcedInventory } from "./rules/index.js";
import { inventorySchema } from "./schema/inventory.js";
import { issuePhrase, schemaFindings } from "./schema-issues.js";
import type { Inventory } from "./types.js";
import { parseYamlSource, type ParsedSource, type Position } from "./yaml-source.js";

/** The text of one inventory file and the path to show in messages. */
export interface InventorySource {
  readonly path: string;
  readonly text: string;
}

interface Problem {
  readonly source: number;
  readonly position: Position;
  readonly text: string;
}

/** Every problem is counted; this many are listed (by file and line), enough to fix a real mistake. */
export const MAX_LISTED_PROBLEMS = 200;

function where(source: ParsedSource, position: Position): string {
  return `${source.path}:${position.line}:${position.col}`;
}

function describeFinding(sources: readonly ParsedSource[], finding: Finding): Problem {
  const source = sources[finding.source];
  if (source === undefined) throw new Error(`finding refers to unknown source ${finding.source}`);
  const position = source.locate(finding.path, finding.atKey);
  let text = `${where(source, position)}: ${formatPath(finding.path)}: ${finding.message}`;
  const related = finding.related;
  const relatedSource = related === undefined ? undefined : sources[related.source];
  if (related !== undefined && relatedSource !== undefined) {
    text += ` (see ${formatPath(related.path)} at ${where(relatedSource, relatedSource.locate(related.path))})`;
  }
  return { source: finding.source, position, text };
}

function byLocation(a: Problem, b: Problem): number {
  return a.source - b.source || a.position.line - b.position.line || a.position.col - b.position.col;
}

/**
 * Parses and validates the inventories of all clusters together, because some rules span
 * clusters (unique names, ids and addresses, disjoint ranges for ClusterMesh).
 *
 * @returns the inventories in the order of `sources`, defaults applied.
 * @throws UserError listing every problem of every file as `file:line:col: field.path: message`.
 */
export function parseInventories(sources: readonly InventorySource[]): Inventory[] {
  const parsed = sources.map(({ path, text }) => parseYamlSource(path, text));
  const problems: Problem[] = [];
  const findings: Finding[] = [];
  const valid: SourcedInventory[] = [];

  parsed.forEach((source, index) => {
    for (const error of source.syntaxErrors) {
      problems.push({ source: index, position: error.position, text: `${where(source, error.position)}: YAML syntax error: ${error.message}` });
    }
    if (source.syntaxErrors.length > 0) return;
    for (const error of source.valueErrors) {
      problems.push({ source: index, position: error.position, text: `${where(source, error.position)}: ${error.message}` });
    }
    if (source.data === null || source.data === undefined) {
      findings.push({ source: index, path: [], message: "the file is empty (expected a mapping with cluster, nodes, network and external)" });
      return;
    }
    const result = inventorySchema.safeParse(source.data, { reportInput: true, error: issuePhrase });
    if (result.success) valid.push({ source: index, inventory: result.data });
    // Loops, not push(...spread): a hostile file yields more findings than a call has argument slots.
    else for (const finding of schemaFindings(index, inventorySchema, result.error.issues)) findings.push(finding);
  });
  // Rules see only schema-valid inventories; an invalid file still gets all its schema problems.
  for (const rule of inventoryRules) for (const finding of rule(valid)) findings.push(finding);
  for (const finding of findings) problems.push(describeFinding(parsed, finding));

  if (problems.length > 0) {
    const count = `${problems.length} problem${problems.length === 1 ? "" : "s"}`;
    const listed = [...problems].sort(byLocation).map((p) => p.text);
    if (listed.length > MAX_LISTED_PROBLEMS) {
      listed.splice(MAX_LISTED_PROBLEMS, Infinity, `... and ${listed.length - MAX_LISTED_PROBLEMS} more problems`);
    }
    throw new UserError(`inventory is invalid (${count})`, listed);
  }
  return valid.map(({ inventory }) => inventory);
}
