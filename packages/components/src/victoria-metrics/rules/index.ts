import { cephRules } from "./ceph.js";
import { certManagerRules } from "./cert-manager.js";
import { cloudnativePgRules } from "./cloudnative-pg.js";
import { fluxRules } from "./flux.js";
import { kubernetesRules } from "./kubernetes.js";
import { nodeRules } from "./node.js";
import type { VMRule } from "./rule.js";
import { victoriaMetricsRules, vmagentRules } from "./victoria-metrics.js";

export { severities, vmRule, type AlertingRule, type RecordingRule, type Rule, type RuleGroup, type Severity, type VMRule } from "./rule.js";
export { cephRules, certManagerRules, cloudnativePgRules, fluxRules, kubernetesRules, nodeRules, victoriaMetricsRules, vmagentRules };

/** The rule families shipped with the stack, by name. */
export const ruleFamilies = {
  node: nodeRules,
  kubernetes: kubernetesRules,
  flux: fluxRules,
  ceph: cephRules,
  "cloudnative-pg": cloudnativePgRules,
  "cert-manager": certManagerRules,
  "victoria-metrics": victoriaMetricsRules,
  vmagent: vmagentRules,
} as const satisfies Record<string, () => VMRule>;

export type RuleFamily = keyof typeof ruleFamilies;
export const allRuleFamilies = Object.keys(ruleFamilies) as RuleFamily[];
