import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { renderSharedTrees } from "@k8s-gitops/core";
import { estateOutputDir, fixtureContext, matchGolden, strictProblems } from "@k8s-gitops/core/testing";
import { describe, expect, it } from "vitest";
import { externalSecrets } from "../external-secrets/index.js";
import { baselineComponentName, baselineNetworkPolicyTree, baselinePolicies } from "./baseline.js";
import { withBaselineNetworkPolicy } from "./opt-in.js";

const here = dirname(fileURLToPath(import.meta.url));
const json = (value: unknown): any => JSON.parse(JSON.stringify(value));
const spec = (name: string) => json(baselinePolicies().find((p) => p.metadata.name === `baseline-${name}`)).spec;
const sharedFiles = () =>
  renderSharedTrees(
    (["infra", "apps"] as const).map((name) => ({ name, components: [withBaselineNetworkPolicy(externalSecrets(fixtureContext(name)))] })),
  );

describe("baseline network policies", () => {
  it("GIVEN both clusters use the baseline THEN the shared Component renders once and matches the golden files", () => {
    const files = sharedFiles();
    expect(files.every((f) => f.path.startsWith(`kubernetes/components/${baselineComponentName}/`))).toBe(true);
    expect(matchGolden(join(here, "__golden__"), files, { coveredBy: estateOutputDir() })).toBe("");
  });

  it("GIVEN the baseline THEN every policy passes strict CiliumNetworkPolicy validation", () => {
    expect(strictProblems(sharedFiles())).toEqual([]);
  });

  it("GIVEN the policies THEN none carries a namespace, so the including Flux Kustomization decides it", () => {
    for (const policy of baselinePolicies()) expect(policy.metadata.namespace).toBeUndefined();
  });

  it("GIVEN the default-deny policy THEN it selects every pod, closes both directions and admits only the namespace's own pods", () => {
    expect(spec("default-deny")).toEqual({
      description: expect.any(String),
      endpointSelector: {},
      enableDefaultDeny: { ingress: true, egress: true },
      ingress: [{ fromEndpoints: [{}] }],
      egress: [{ toEndpoints: [{}] }],
    });
  });

  it("GIVEN any baseline rule THEN it names its peers, because an empty Cilium rule allows everything", () => {
    const peerFields = ["fromEndpoints", "fromEntities", "fromCIDR", "fromCIDRSet", "toEndpoints", "toEntities", "toCIDR", "toCIDRSet", "toFQDNs", "toServices"];
    for (const policy of baselinePolicies()) {
      const rules = [...(json(policy).spec.ingress ?? []), ...(json(policy).spec.egress ?? [])];
      expect(rules.length, policy.metadata.name).toBeGreaterThan(0);
      for (const rule of rules) {
        expect(peerFields.filter((field) => Array.isArray(rule[field]) && rule[field].length > 0), `${policy.metadata.name}: ${JSON.stringify(rule)}`).not.toEqual([]);
      }
    }
  });

  it("GIVEN the DNS allowance THEN it reaches only kube-dns in kube-system on port 53 over UDP and TCP", () => {
    const [rule] = spec("allow-dns").egress;
    expect(rule.toEndpoints).toEqual([{ matchLabels: { "io.kubernetes.pod.namespace": "kube-system", "k8s-app": "kube-dns" } }]);
    expect(rule.toPorts[0].ports).toEqual([
      { port: "53", protocol: "UDP" },
      { port: "53", protocol: "TCP" },
    ]);
  });

  it("GIVEN the API server allowances THEN egress goes to the kube-apiserver entity and webhooks/probes may come in", () => {
    expect(spec("allow-to-kube-apiserver").egress).toEqual([{ toEntities: ["kube-apiserver"] }]);
    expect(spec("allow-from-apiserver-and-host").ingress).toEqual([{ fromEntities: ["kube-apiserver", "host"] }]);
    expect(spec("allow-to-kube-apiserver").ingress).toBeUndefined();
  });

  it("GIVEN the tree builder THEN it describes a kustomize Component named network-policy-baseline", () => {
    const tree = baselineNetworkPolicyTree();
    expect(tree).toMatchObject({ type: "component", name: "network-policy-baseline" });
    expect(tree.resources.map((r) => r.metadata?.name)).toEqual(baselinePolicies().map((p) => p.metadata.name));
  });
});
