import { UserError, showValue } from "@k8s-gitops/core";
import { vmResource, type VMResource } from "../crd-types.js";

/** Alertmanager routes and inhibits on this label, so every alert carries one of these. */
export const severities = ["critical", "warning", "info"] as const;
export type Severity = (typeof severities)[number];

export interface AlertingRule {
  readonly alert: string;
  readonly expr: string;
  /** How long the condition must hold before the alert fires, e.g. `15m`. */
  readonly for?: string;
  readonly labels: Readonly<{ severity: Severity } & Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
}

export interface RecordingRule {
  readonly record: string;
  readonly expr: string;
  readonly labels?: Readonly<Record<string, string>>;
}

export type Rule = AlertingRule | RecordingRule;

export interface RuleGroup {
  readonly name: string;
  /** Evaluation interval of the group. @default vmalert's `evaluationInterval` */
  readonly interval?: string;
  readonly rules: readonly Rule[];
}

export type VMRule = VMResource<"VMRule", { readonly groups: readonly RuleGroup[] }>;

const objectName = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const alertName = /^[A-Za-z_][A-Za-z0-9_]*$/;
const metricName = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const duration = /^[0-9]+(ms|s|m|h|d|w|y)$/;

function ruleProblems(rule: Rule, where: string): string[] {
  const problems: string[] = [];
  if (rule.expr.trim() === "") problems.push(`${where}.expr: must not be empty`);
  if ("alert" in rule) {
    if (!alertName.test(rule.alert)) problems.push(`${where}.alert: must be a CamelCase identifier, got ${showValue(rule.alert)}`);
    if (rule.for !== undefined && !duration.test(rule.for)) problems.push(`${where}.for: must be a duration like "15m", got ${showValue(rule.for)}`);
    if (!(severities as readonly string[]).includes(rule.labels.severity)) {
      problems.push(`${where}.labels.severity: must be one of ${severities.join(", ")}, got ${showValue(rule.labels.severity)}`);
    }
  } else if (!metricName.test(rule.record)) {
    problems.push(`${where}.record: must be a metric name, got ${showValue(rule.record)}`);
  }
  return problems;
}

/**
 * A VMRule: alerting and recording rules vmalert evaluates. Any component can ship its own
 * rules with this helper; vmalert selects every VMRule of every namespace. Mistakes that vmalert
 * would only report at runtime (bad durations, missing severity, duplicate groups) are refused here.
 */
export function vmRule(name: string, groups: readonly RuleGroup[]): VMRule {
  const where = `vmRule ${showValue(name)}`;
  const problems: string[] = [];
  if (!objectName.test(name) || name.length > 253) problems.push(`name: must be a lowercase DNS name, got ${showValue(name)}`);
  if (groups.length === 0) problems.push("groups: must hold at least one group");
  const groupNames = new Set<string>();
  groups.forEach((group, g) => {
    const at = `groups[${g}]`;
    if (group.name.trim() === "") problems.push(`${at}.name: must not be empty`);
    if (groupNames.has(group.name)) problems.push(`${at}.name: ${showValue(group.name)} is used by an earlier group`);
    groupNames.add(group.name);
    if (group.interval !== undefined && !duration.test(group.interval)) problems.push(`${at}.interval: must be a duration, got ${showValue(group.interval)}`);
    if (group.rules.length === 0) problems.push(`${at}.rules: must hold at least one rule`);
    for (const [r, rule] of group.rules.entries()) problems.push(...ruleProblems(rule, `${at}.rules[${r}]`));
  });
  if (problems.length > 0) throw new UserError(`${where}: invalid rules`, problems);
  return vmResource("VMRule", { name }, { groups });
}
