import { structuredPatch } from "diff";
import { MANIFEST_FILE } from "./paths.js";
import type { WritePlan } from "./plan.js";
import { diffYamlResources, formatFieldPath, type FieldChange, type ResourceChange } from "./yaml-diff.js";

/** Bounds that keep a check report readable when a change touches a lot. */
export interface ReportLimits {
  /** Detail lines shown per changed file before the rest is summarised as omitted. */
  readonly maxLinesPerFile: number;
  /** Longest rendered value (old or new) in a field change. */
  readonly maxValueLength: number;
}

export const defaultReportLimits: ReportLimits = { maxLinesPerFile: 30, maxValueLength: 80 };

const INDENT = "    ";

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, Math.max(0, max - 3))}...` : text;
}

function formatValue(value: unknown, limits: ReportLimits): string {
  if (value === undefined) return "(none)";
  return truncate(JSON.stringify(value) ?? String(value), limits.maxValueLength);
}

function fieldLine(field: FieldChange, limits: ReportLimits): string {
  const before = "before" in field ? formatValue(field.before, limits) : "(none)";
  const after = "after" in field ? formatValue(field.after, limits) : "(none)";
  return `${formatFieldPath(field.path)}: ${before} -> ${after}`;
}

function resourceLines(changes: readonly ResourceChange[], limits: ReportLimits): string[] {
  return changes.flatMap((change) => {
    if (change.change !== "changed") {
      return [change.change === "added" ? `+ resource added: ${change.label}` : `- resource removed: ${change.label}`];
    }
    return [`${change.label}:`, ...change.fields.map((field) => `  ${fieldLine(field, limits)}`)];
  });
}

function unifiedDiffLines(path: string, before: string, after: string, limits: ReportLimits): string[] {
  const patch = structuredPatch(path, path, before, after, undefined, undefined, { context: 2 });
  return patch.hunks.flatMap((hunk) => [
    `@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`,
    ...hunk.lines.map((line) => truncate(line, limits.maxValueLength * 2)),
  ]);
}

function cap(lines: readonly string[], max: number): string[] {
  if (lines.length <= max) return [...lines];
  const omitted = lines.length - max;
  return [...lines.slice(0, max), `... ${omitted} more line${omitted === 1 ? "" : "s"} omitted`];
}

const YAML_FILE = /\.ya?ml$/i;

/**
 * Explains how a file would change: for YAML, the resources and field paths that differ; for
 * other files, invalid YAML or YAML that differs only in formatting, a short unified diff.
 */
export function describeFileChange(
  path: string,
  before: string,
  after: string,
  limits: ReportLimits = defaultReportLimits,
): string[] {
  const resources = YAML_FILE.test(path) ? diffYamlResources(before, after) : undefined;
  const lines =
    resources !== undefined && resources.length > 0
      ? resourceLines(resources, limits)
      : unifiedDiffLines(path, before, after, limits);
  return cap(lines, limits.maxLinesPerFile);
}

/** Renders the human-readable outcome of a check from the plan a write would execute. */
export function renderCheckReport(outDir: string, plan: WritePlan, limits: ReportLimits = defaultReportLimits): string {
  const added = plan.writes.filter((write) => write.status === "added");
  const missing = plan.writes.filter((write) => write.status === "missing");
  const changed = plan.writes.filter((write) => write.status === "changed");
  if (plan.writes.length === 0 && plan.deletions.length === 0 && !plan.manifestChanged) {
    return `Generated files in ${outDir} are up to date (${plan.unchanged.length} files).\n`;
  }
  const counts = [
    [added.length, "added"],
    [missing.length, "missing"],
    [changed.length, "changed"],
    [plan.deletions.length, "removed"],
  ]
    .filter(([count]) => count !== 0)
    .map(([count, what]) => `${count} ${what}`);
  if (plan.manifestChanged) counts.push("manifest outdated");
  const lines = [
    `Generated files in ${outDir} are out of date (${counts.join(", ")}); run the generator to update them.`,
    ...added.map((write) => `  added:   ${write.path}`),
    ...missing.map((write) => `  missing: ${write.path} (owned file deleted by hand; would be recreated)`),
    ...plan.deletions.map((path) => `  removed: ${path} (no longer generated)`),
    ...changed.flatMap((write) => [
      `  changed: ${write.path}`,
      ...describeFileChange(write.path, write.previous ?? "", write.content, limits).map((line) => `${INDENT}${line}`),
    ]),
  ];
  if (plan.manifestChanged) lines.push(`  ${MANIFEST_FILE} would be rewritten`);
  return `${lines.join("\n")}\n`;
}
