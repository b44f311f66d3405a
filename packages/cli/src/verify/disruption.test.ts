import { describe, expect, it } from "vitest";
import { disruptionProblems, type PlacedObject, selectorMatches } from "./disruption.js";
import { formatProblemLine } from "./problems.js";

const deployment = (name: string, replicas: number | undefined, labels: Record<string, string>): unknown => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name },
  spec: { ...(replicas === undefined ? {} : { replicas }), template: { metadata: { labels } } },
});

const pdb = (name: string, selector: unknown): unknown => ({ apiVersion: "policy/v1", kind: "PodDisruptionBudget", metadata: { name }, spec: { minAvailable: 1, selector } });

const place = (doc: unknown, namespace = "web", cluster = "infra"): PlacedObject => ({ cluster, namespace, doc, file: "kubernetes/apps/web/app/helmrelease.yaml" });

const lines = (objects: PlacedObject[]): string[] => disruptionProblems(objects).map(formatProblemLine);

describe("disruption budgets", () => {
  it("GIVEN a Deployment with 2 replicas and no PDB THEN it is reported by kind, namespace, name and cluster", () => {
    expect(lines([place(deployment("api", 2, { app: "api" }))])).toEqual([
      'disruption: kubernetes/apps/web/app/helmrelease.yaml: Deployment web/api on cluster infra runs 2 replicas and no PodDisruptionBudget in namespace web selects its pods (labels {"app":"api"}): a node drain may evict them all at once',
    ]);
  });

  it("GIVEN a PDB whose matchLabels select the pods THEN the Deployment passes", () => {
    expect(lines([place(deployment("api", 3, { app: "api", tier: "web" })), place(pdb("api", { matchLabels: { app: "api" } }))])).toEqual([]);
  });

  it("GIVEN the matching PDB in another namespace or cluster THEN the Deployment is still reported", () => {
    const workload = place(deployment("api", 2, { app: "api" }));
    const budget = pdb("api", { matchLabels: { app: "api" } });
    expect(lines([workload, place(budget, "other")])).toHaveLength(1);
    expect(lines([workload, place(budget, "web", "apps")])).toHaveLength(1);
  });

  it("GIVEN no spec.replicas (the API server defaults it to 1) THEN no PDB is needed", () => {
    expect(lines([place(deployment("api", undefined, { app: "api" }))])).toEqual([]);
  });

  it("GIVEN matchExpressions THEN In, NotIn, Exists and DoesNotExist are read as the API server reads them", () => {
    const labels = { app: "api", tier: "web" };
    expect(selectorMatches({ matchExpressions: [{ key: "app", operator: "In", values: ["api", "x"] }] }, labels)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: "app", operator: "NotIn", values: ["api"] }] }, labels)).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: "tier", operator: "Exists" }] }, labels)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: "tier", operator: "DoesNotExist" }] }, labels)).toBe(false);
    expect(selectorMatches({ matchLabels: { app: "api" }, matchExpressions: [{ key: "zone", operator: "In", values: ["a"] }] }, labels)).toBe(false);
  });

  it("GIVEN a policy/v1 PDB with an empty selector THEN it selects every pod of its namespace; without a selector none", () => {
    expect(selectorMatches({}, { app: "api" })).toBe(true);
    expect(selectorMatches(undefined, { app: "api" })).toBe(false);
  });
});
