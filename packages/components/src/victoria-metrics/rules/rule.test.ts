import { UserError } from "@k8s-gitops/core";
import { describe, expect, it } from "vitest";
import { allRuleFamilies, ruleFamilies, vmRule, type RuleGroup } from "./index.js";

const ok: RuleGroup = { name: "g", rules: [{ alert: "Broken", expr: "up == 0", for: "5m", labels: { severity: "warning" } }] };

function problemsOf(build: () => unknown): readonly string[] {
  try {
    build();
  } catch (error) {
    if (error instanceof UserError) return error.problems;
    throw error;
  }
  throw new Error("expected a UserError");
}

describe("vmRule", () => {
  it("GIVEN valid groups THEN a VMRule of operator.victoriametrics.com/v1beta1 carries them unchanged", () => {
    const rule = vmRule("mine", [ok]);
    expect(rule).toMatchObject({ apiVersion: "operator.victoriametrics.com/v1beta1", kind: "VMRule", metadata: { name: "mine" } });
    expect(rule.spec.groups).toEqual([ok]);
  });

  it("GIVEN several mistakes THEN one UserError lists each with its field path and value", () => {
    const problems = problemsOf(() =>
      vmRule("My_Rules", [
        ok,
        { name: "g", interval: "1 minute", rules: [{ alert: "no spaces allowed", expr: " ", for: "5 min", labels: { severity: "page" as never } }] },
        { name: "r", rules: [{ record: "job:up:sum", expr: "sum by (job) (up)" }, { record: "not a metric", expr: "up" }] },
      ]),
    );
    expect(problems).toEqual([
      'name: must be a lowercase DNS name, got "My_Rules"',
      'groups[1].name: "g" is used by an earlier group',
      'groups[1].interval: must be a duration, got "1 minute"',
      "groups[1].rules[0].expr: must not be empty",
      'groups[1].rules[0].alert: must be a CamelCase identifier, got "no spaces allowed"',
      'groups[1].rules[0].for: must be a duration like "15m", got "5 min"',
      'groups[1].rules[0].labels.severity: must be one of critical, warning, info, got "page"',
      'groups[2].rules[1].record: must be a metric name, got "not a metric"',
    ]);
  });

  it("GIVEN no groups or an empty group THEN it is refused", () => {
    expect(problemsOf(() => vmRule("x", []))).toEqual(["groups: must hold at least one group"]);
    expect(problemsOf(() => vmRule("x", [{ name: "g", rules: [] }]))).toEqual(["groups[0].rules: must hold at least one rule"]);
  });
});

describe("the shipped rule families", () => {
  it("GIVEN every family THEN each builds a VMRule named after it, with alert names unique across families", () => {
    const rules = allRuleFamilies.map((family) => ruleFamilies[family]());
    expect(rules.map((r) => r.metadata.name)).toEqual(allRuleFamilies);
    const alerts = rules.flatMap((r) => r.spec.groups.flatMap((g) => g.rules.flatMap((rule) => ("alert" in rule ? [rule.alert] : []))));
    expect(new Set(alerts).size).toBe(alerts.length);
  });

  it("GIVEN the families requested in the brief THEN node, kubernetes, Flux, Ceph, CNPG, cert-manager and VictoriaMetrics are covered", () => {
    expect([...allRuleFamilies].sort()).toEqual(["ceph", "cert-manager", "cloudnative-pg", "flux", "kubernetes", "node", "victoria-metrics", "vmagent"]);
  });
});
