import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe as suite, expect, test } from "vitest";
import { sharedSchemasRoot } from "./__fixtures__/shared-root.js";
import { deployment, helmRelease, kustomization, loadBalancerPool, namespace, ociRepository } from "./__fixtures__/objects.js";
import { KubeSchemaValidator, kubernetesSchemaFileName, sharedKubeSchemaValidator, splitApiVersion } from "./kube-validator.js";
import { describeProblem } from "./problems.js";

suite("kubeconform file naming", () => {
  test("GIVEN apiVersions of core, grouped and dotted groups WHEN named THEN kubeconform's file names result", () => {
    expect(kubernetesSchemaFileName(splitApiVersion("apps/v1").group, "v1", "Deployment")).toBe("deployment-apps-v1.json");
    expect(kubernetesSchemaFileName("networking.k8s.io", "v1", "Ingress")).toBe("ingress-networking-v1.json");
    expect(kubernetesSchemaFileName("rbac.authorization.k8s.io", "v1", "Role")).toBe("role-rbac-v1.json");
    expect(kubernetesSchemaFileName(splitApiVersion("v1").group, splitApiVersion("v1").version, "Namespace")).toBe("namespace-v1.json");
  });
});

suite(`Kubernetes/CRD validation (needs the upstream schemas)`, () => {
  const validator = new KubeSchemaValidator(sharedSchemasRoot);
  const withSpec = (doc: typeof helmRelease, spec: Record<string, unknown>) => ({ ...doc, spec });

  test.each([
    ["HelmRelease", helmRelease],
    ["Kustomization", kustomization],
    ["OCIRepository", ociRepository],
    ["Namespace", namespace],
    ["Deployment", deployment],
    ["CiliumLoadBalancerIPPool", loadBalancerPool],
  ])("GIVEN a valid %s WHEN validated THEN there is no problem", (_kind, doc) => {
    expect(validator.validate(doc)).toEqual([]);
  });

  test("GIVEN Flux and Cilium kinds WHEN their schema is looked up THEN Flux uses the newer CRD files and Cilium the catalog", () => {
    expect(validator.schemaSource("helm.toolkit.fluxcd.io/v2", "HelmRelease")).toBe("crds/flux/v2.9.4/helm.toolkit.fluxcd.io_helmreleases.yaml");
    expect(validator.schemaSource("fluxcd.controlplane.io/v1", "FluxInstance")).toBe("crds/flux-operator/v0.58.1/fluxcd.controlplane.io_fluxinstances.yaml");
    expect(validator.schemaSource("cilium.io/v2", "CiliumLoadBalancerIPPool")).toBe("crds-catalog/cilium.io/ciliumloadbalancerippool_v2.json");
    expect(validator.schemaSource("apps/v1", "Deployment")).toBe("kubernetes/v1.34.1-standalone-strict/deployment-apps-v1.json");
  });

  test("GIVEN a HelmRelease with an extra spec.intervall WHEN validated THEN additionalProperties names it", () => {
    const doc = withSpec(helmRelease, { ...helmRelease.spec, intervall: "5m" });
    const problems = validator.validate(doc);
    expect(problems).toEqual([{ path: "/spec", message: 'must NOT have additional properties ("intervall")' }]);
    expect(describeProblem(doc, problems[0]!)).toBe('HelmRelease kube-system/cilium: /spec: must NOT have additional properties ("intervall")');
  });

  test("GIVEN spec.interval misspelled as intervall WHEN validated THEN the typo and the missing interval are reported", () => {
    const { interval, ...rest } = helmRelease.spec;
    const problems = validator.validate(withSpec(helmRelease, { ...rest, intervall: interval }));
    expect(problems.map((p) => p.message)).toEqual(
      expect.arrayContaining(['must NOT have additional properties ("intervall")', "must have required property 'interval'"]),
    );
  });

  test("GIVEN interval '30 minutes' WHEN validated THEN the duration pattern fails, naming the value", () => {
    const problems = validator.validate(withSpec(helmRelease, { ...helmRelease.spec, interval: "30 minutes" }));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toBe("/spec/interval");
    expect(problems[0]!.message).toMatch(/^must match pattern .*\(got "30 minutes"\)$/);
  });

  test("GIVEN a misspelled top-level key on a CRD kind WHEN validated THEN it is rejected (stricter than kubeconform)", () => {
    const { spec, ...rest } = helmRelease;
    const problems = validator.validate({ ...rest, spce: spec });
    expect(problems).toContainEqual({ path: "", message: 'must NOT have additional properties ("spce")' });
  });

  test("GIVEN a Namespace with a misspelled top-level key WHEN validated THEN the strict core schema reports it exactly once", () => {
    expect(validator.validate({ ...namespace, specc: {} })).toEqual([
      { path: "", message: 'must NOT have additional properties ("specc")' },
    ]);
  });

  test("GIVEN a Deployment with spec.replica WHEN validated THEN additionalProperties names it", () => {
    expect(validator.validate({ ...deployment, spec: { ...deployment.spec, replica: 2 } })).toEqual([
      { path: "/spec", message: 'must NOT have additional properties ("replica")' },
    ]);
  });

  test("GIVEN a Deployment with replicas '2' and a container typo WHEN validated THEN both are reported at their paths", () => {
    const container = { ...deployment.spec.template.spec.containers[0], imagePullPolicyy: "Always" };
    const spec = {
      ...deployment.spec,
      replicas: "2",
      template: { ...deployment.spec.template, spec: { containers: [container] } },
    };
    const paths = validator.validate({ ...deployment, spec }).map((p) => `${p.path} ${p.message}`);
    expect(paths).toContainEqual(expect.stringMatching(/^\/spec\/replicas must be integer.*\(got "2"\)$/));
    expect(paths).toContain('/spec/template/spec/containers/0 must NOT have additional properties ("imagePullPolicyy")');
  });

  test("GIVEN a pool block with an unknown field WHEN validated via the catalog THEN it is rejected", () => {
    const doc = { ...loadBalancerPool, spec: { blocks: [{ cidr: "10.25.11.0/24", stat: "x" }] } };
    expect(validator.validate(doc)).toEqual([{ path: "/spec/blocks/0", message: 'must NOT have additional properties ("stat")' }]);
  });

  test("GIVEN a CiliumNetworkPolicy (its schema uses the Go-only pattern \\PC) WHEN validated THEN it compiles and checks", () => {
    const policy = {
      apiVersion: "cilium.io/v2",
      kind: "CiliumNetworkPolicy",
      metadata: { name: "allow-dns", namespace: "default" },
      spec: { endpointSelector: {}, egress: [{ toEndpoints: [{}] }], log: { value: "allow-dns" } },
    };
    expect(validator.validate(policy)).toEqual([]);
    // \PC* rejects control characters such as BEL.
    expect(validator.validate({ ...policy, spec: { ...policy.spec, log: { value: "bell\u0007" } } })).toEqual([
      { path: "/spec/log/value", message: 'must match pattern "^\\PC*$" (got "bell\\u0007")' },
    ]);
  });

  test("GIVEN a CustomResourceDefinition WHEN validated THEN the non-standalone fallback with _definitions.json checks it", () => {
    const crd = {
      apiVersion: "apiextensions.k8s.io/v1",
      kind: "CustomResourceDefinition",
      metadata: { name: "widgets.example.com" },
      spec: {
        group: "example.com",
        names: { kind: "Widget", plural: "widgets" },
        scope: "Namespaced",
        versions: [{ name: "v1", served: true, storage: true, schema: { openAPIV3Schema: { type: "object" } } }],
      },
    };
    expect(validator.validate(crd)).toEqual([]);
    const { names: _names, ...withoutNames } = crd.spec;
    expect(validator.validate({ ...crd, spec: withoutNames })).toEqual([
      { path: "/spec", message: "must have required property 'names'" },
    ]);
  });

  test("GIVEN an unknown kind WHEN validated THEN it is a problem unless the kind is skipped", () => {
    const widget = { apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w" } };
    expect(validator.validate(widget)).toEqual([{ path: "", message: "no schema for example.com/v1 Widget" }]);
    expect(validator.validate(widget, { skipKinds: ["Widget"] })).toEqual([]);
  });

  test("GIVEN a document without kind WHEN validated THEN the missing kind is reported", () => {
    expect(validator.validate({ apiVersion: "v1", metadata: { name: "x" } })).toEqual([
      { path: "/kind", message: "must be a non-empty string (got undefined)" },
    ]);
  });

  test("GIVEN the same root twice WHEN the shared validator is requested THEN one instance is reused", () => {
    expect(sharedKubeSchemaValidator(sharedSchemasRoot)).toBe(sharedKubeSchemaValidator(sharedSchemasRoot));
  });
});

suite("incomplete schema root", () => {
  test("GIVEN a root holding only Talos schemas WHEN a Namespace is validated THEN the problem says which folders are missing", () => {
    const root = mkdtempSync(join(tmpdir(), "partial-root-"));
    try {
      mkdirSync(join(root, "talos"));
      expect(new KubeSchemaValidator(root).validate(namespace)).toEqual([
        {
          path: "",
          message: `no schema for v1 Namespace (the schema root ${root} lacks kubernetes, crds-catalog, crds; run \`k8s-gitops fetch schemas\`)`,
        },
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

suite("built-in kinds missing from the strict set", () => {
  const validator = new KubeSchemaValidator(sharedSchemasRoot);
  const quota = (hard: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    apiVersion: "v1",
    kind: "ResourceQuota",
    metadata: { name: "q", namespace: "t" },
    spec: { hard, ...extra },
  });

  test("GIVEN a valid ResourceQuota THEN it passes against its _definitions.json definition", () => {
    expect(validator.validate(quota({ pods: "10", "requests.cpu": "2" }))).toEqual([]);
    expect(validator.schemaSource("v1", "ResourceQuota")).toMatch(/_definitions\.json#\/definitions\/io\.k8s\.api\.core\.v1\.ResourceQuota$/);
  });

  test("GIVEN a misspelled field in a LimitRange or ResourceQuota THEN it fails as in the strict files", () => {
    expect(validator.validate(quota({ pods: "10" }, { scopeSelectorr: {} })).map((p) => p.message).join()).toMatch(/additional properties/);
    const limitRange = { apiVersion: "v1", kind: "LimitRange", metadata: { name: "l" }, spec: { limits: [{ type: "Container", defaultt: { cpu: "1" } }] } };
    expect(validator.validate(limitRange).map((p) => `${p.path} ${p.message}`).join()).toMatch(/\/spec\/limits\/0 .*additional properties/);
  });

  test("GIVEN an APIService (the aggregator's kind, as metrics-server renders it) THEN it is validated against its kube-aggregator definition", () => {
    const apiService = (spec: Record<string, unknown>) => ({ apiVersion: "apiregistration.k8s.io/v1", kind: "APIService", metadata: { name: "v1beta1.metrics.k8s.io" }, spec });
    const spec = { group: "metrics.k8s.io", version: "v1beta1", groupPriorityMinimum: 100, versionPriority: 100, service: { name: "metrics-server", namespace: "kube-system" } };
    expect(validator.schemaSource("apiregistration.k8s.io/v1", "APIService")).toMatch(/io\.k8s\.kube-aggregator\.pkg\.apis\.apiregistration\.v1\.APIService$/);
    expect(validator.validate(apiService(spec))).toEqual([]);
    expect(validator.validate(apiService({ ...spec, insecureSkipTLSVerifyy: true })).map((p) => p.message).join()).toMatch(/additional properties/);
  });
});
