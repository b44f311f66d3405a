import { describe, expect, it } from "vitest";
import { bootstrapValues } from "./bootstrap-values.js";
import { checkValues, schemaChartOf } from "./helm-values.js";
import { canVerify, minimalTree, verifyFiles, writeTree } from "./test-support.js";

describe("chart names", () => {
  it("GIVEN CloudNativePG's generic `cluster` chart THEN its schema folder is cnpg-cluster; other charts keep their name", () => {
    expect(schemaChartOf({ chart: "cluster", version: "0.8.1", repository: "oci://ghcr.io/cloudnative-pg/charts/cluster" })).toBe("cnpg-cluster");
    expect(schemaChartOf({ chart: "cluster", version: "1.0.0", repository: "oci://example.com/charts/cluster" })).toBe("cluster");
    expect(schemaChartOf({ chart: "cilium", version: "1.20.0", repository: "oci://quay.io/cilium/charts/cilium" })).toBe("cilium");
  });
});

describe("checkValues", () => {
  it("GIVEN a schema root without a chart schema that schemas:fetch would download THEN that is a problem, not a chart without schema", () => {
    const { dir, cleanup } = writeTree({ "talos/v1.13.9/config.schema.json": "{}" });
    try {
      const item = {
        file: "kubernetes/a/helmrelease.yaml",
        subject: "HelmRelease a/cert-manager",
        ref: { chart: "cert-manager", version: "v1.21.1", repository: "oci://quay.io/jetstack/charts/cert-manager" },
        values: {},
        valuesPath: "spec.values",
      };
      const result = checkValues([item], { schemaRoot: dir, allowList: [] });
      expect(result.problems.map((p) => p.message)).toEqual([
        `HelmRelease a/cert-manager (chart cert-manager v1.21.1): the schema root ${dir} lacks helm/cert-manager/v1.21.1/values.schema.json; run \`k8s-gitops fetch schemas\``,
      ]);
      expect(result.withoutSchema.size).toBe(0);
    } finally {
      cleanup();
    }
  });
});

describe("bootstrapValues", () => {
  const helmfile = `environments:
  infra:
    values:
      - extra: { enabled: true }
  apps: {}
---
releases:
  - name: cert-manager
    chart: oci://quay.io/jetstack/charts/cert-manager
    version: v1.21.1
    values:
      - ../clusters/{{ .Environment.Name }}/cert-manager.yaml
      - replicaCount: 3
  - name: extra
    chart: oci://example.com/charts/extra
    version: 1.0.0
    condition: extra.enabled
`;
  it("GIVEN a helmfile with environments THEN each environment's values files and inline values are merged, and false conditions skip a release", () => {
    const { items, problems } = bootstrapValues([
      { path: "bootstrap/helmfile.d/01-core.yaml", content: helmfile },
      { path: "bootstrap/clusters/infra/cert-manager.yaml", content: "replicaCount: 2\nwebhook:\n  replicaCount: 2\n" },
    ]);
    expect(problems).toEqual([
      {
        check: "helm-values",
        file: "bootstrap/helmfile.d/01-core.yaml",
        message: 'release cert-manager (apps): values file "../clusters/{{ .Environment.Name }}/cert-manager.yaml" does not exist (bootstrap/clusters/apps/cert-manager.yaml)',
      },
    ]);
    expect(items.map((i) => [i.subject, i.ref.chart, i.values])).toEqual([
      ["helmfile release cert-manager (infra)", "cert-manager", { replicaCount: 3, webhook: { replicaCount: 2 } }],
      ["helmfile release extra (infra)", "extra", {}],
      ["helmfile release cert-manager (apps)", "cert-manager", { replicaCount: 3 }],
    ]);
  });
});

describe.skipIf(!canVerify())("helm-values", () => {
  it("GIVEN a HelmRelease value that violates the chart's values.schema.json THEN the value's path and the rule are named", async () => {
    const files = minimalTree();
    files["kubernetes/apps/demo/web/app/helmrelease.yaml"] = files["kubernetes/apps/demo/web/app/helmrelease.yaml"]!.replace("replicaCount: 2", 'replicaCount: "two"');
    const { lines } = await verifyFiles(files);
    expect(lines).toEqual([
      "helm-values: kubernetes/apps/demo/web/app/helmrelease.yaml: HelmRelease web/cert-manager (chart cert-manager v1.21.1): spec.values/replicaCount: must be number (got \"two\")",
    ]);
  });

  it("GIVEN a misspelled key THEN it is rejected even though Helm would ignore it", async () => {
    const files = minimalTree();
    files["kubernetes/apps/demo/web/app/helmrelease.yaml"] = files["kubernetes/apps/demo/web/app/helmrelease.yaml"]!.replace("replicaCount: 2", "replicaCnt: 2");
    const { lines } = await verifyFiles(files);
    expect(lines).toEqual([
      'helm-values: kubernetes/apps/demo/web/app/helmrelease.yaml: HelmRelease web/cert-manager (chart cert-manager v1.21.1): spec.values: must NOT have additional properties ("replicaCnt")',
    ]);
  });

  it("GIVEN the misspelled key on the values allow-list THEN it passes; an entry of the same chart that matches nothing is stale", async () => {
    const files = minimalTree();
    files["kubernetes/apps/demo/web/app/helmrelease.yaml"] = files["kubernetes/apps/demo/web/app/helmrelease.yaml"]!.replace("replicaCount: 2", "replicaCnt: 2");
    const valuesAllowList = [
      { chart: "cert-manager", pointer: "/replicaCnt", reason: "test" },
      { chart: "cert-manager", pointer: "/gone", reason: "test" },
      { chart: "cilium", pointer: "/unused", reason: "no cilium release here, so nothing to say" },
    ];
    const { lines } = await verifyFiles(files, { valuesAllowList });
    expect(lines).toEqual(["allow-list: packages/cli/src/verify/allow-list.ts: values /gone of chart cert-manager matches no Helm values; remove the entry"]);
  });

  it("GIVEN a chart version whose schema is missing while other versions have one THEN the silent loss of validation is a problem", async () => {
    const files = minimalTree();
    files["kubernetes/apps/demo/web/app/ocirepository.yaml"] = files["kubernetes/apps/demo/web/app/ocirepository.yaml"]!.replace("v1.21.1", "v1.99.0");
    const { lines, report } = await verifyFiles(files);
    expect(lines).toEqual([
      "helm-values: kubernetes/apps/demo/web/app/helmrelease.yaml: HelmRelease web/cert-manager (chart cert-manager v1.99.0): the schema root has values schemas for cert-manager v1.21.1 but not v1.99.0; add it to upstream.ts and run `k8s-gitops fetch schemas`",
    ]);
    expect(report.counts.helmValuesChecked).toBe(0);
  });

  it("GIVEN a chart that ships no schema THEN it is counted, not validated", async () => {
    const files = minimalTree();
    files["kubernetes/apps/demo/web/app/ocirepository.yaml"] = files["kubernetes/apps/demo/web/app/ocirepository.yaml"]!.replace(
      "quay.io/jetstack/charts/cert-manager",
      "ghcr.io/stefanprodan/charts/podinfo",
    );
    const { lines, report } = await verifyFiles(files);
    expect(lines).toEqual([]);
    expect([...report.counts.helmWithoutSchema]).toEqual([["podinfo v1.21.1", 1]]);
  });
});
