import { dirname, join, posix } from "node:path";
import { fileURLToPath } from "node:url";
import { ConfigMap } from "kubernetes-models/v1";
import { defineComponent, ociChart, ref, renderCluster, type ClusterContext, type Component, type GeneratedFile } from "@k8s-gitops/core";
import { bootstrapLayout, coreRelease, findPlainSecrets, helmfileForEnvironment, renderBootstrap, type BootstrapCluster } from "@k8s-gitops/core/bootstrap";
import { estateOutputDir, fixtureContext, matchGolden } from "@k8s-gitops/core/testing";
import { parse, parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { certManager } from "../cert-manager/index.js";
import { sopsAgeSecret, sopsConfig } from "../sops/index.js";
import { fluxGitSecret, fluxInstance, fluxOperator } from "./index.js";

const here = dirname(fileURLToPath(import.meta.url));
const clusters = ["infra", "apps"] as const;

/** A stand-in for the Cilium component: a HelmRelease plus a `config` stage applied right after install. */
function fakeCilium(context: ClusterContext): Component<"app" | "config"> {
  const chart = ociChart("oci://quay.io/cilium/charts/cilium", "1.20.0");
  return defineComponent<"app" | "config">({
    name: "cilium",
    namespace: "kube-system",
    area: "infrastructure",
    category: "network",
    stages: [
      { name: "app", releases: [{ name: "cilium", chart, values: { cluster: { name: context.inventory.cluster.name, id: context.inventory.cluster.id } } }], resources: [] },
      { name: "config", resources: [new ConfigMap({ metadata: { name: "lb-pools" }, data: { pool: context.inventory.network.loadBalancer.subnet } })] },
    ],
  });
}

function cluster(name: (typeof clusters)[number]): { bootstrap: BootstrapCluster; flux: GeneratedFile[] } {
  const context = fixtureContext(name);
  const cilium = fakeCilium(context);
  const certs = certManager(context);
  const operator = fluxOperator(context);
  const instance = fluxInstance(context, { operator: ref(operator) });
  const components = [cilium, certs, operator, instance];
  return {
    bootstrap: {
      name,
      core: [coreRelease(cilium, { postsyncStages: ["config"] }), certs, operator, instance],
      crds: [{ name: "prometheus-operator-crds", namespace: "observability", chart: ociChart("oci://ghcr.io/prometheus-community/charts/prometheus-operator-crds", "24.0.1") }],
      secrets: [sopsAgeSecret(context), fluxGitSecret(context)],
      components,
    },
    flux: renderCluster({ name, components }),
  };
}

const estate = Object.fromEntries(clusters.map((name) => [name, cluster(name)])) as Record<(typeof clusters)[number], ReturnType<typeof cluster>>;
const files = renderBootstrap({ clusters: clusters.map((name) => estate[name].bootstrap) });
const text = (tree: readonly GeneratedFile[], path: string): string => {
  const found = tree.find((f) => f.path === path);
  if (!found) throw new Error(`no ${path}`);
  return found.content;
};
const core = text(files, bootstrapLayout.core);

describe("the bootstrap of the flux, cert-manager and cilium components", () => {
  it("GIVEN both clusters THEN the bootstrap files match the golden files", () => {
    expect(matchGolden(join(here, "__golden__", "bootstrap"), files, { coveredBy: estateOutputDir() })).toBe("");
  });

  it("GIVEN the rendered helmfile, values files and Flux tree THEN every release agrees with its HelmRelease and OCIRepository", () => {
    for (const name of clusters) {
      const { flux } = estate[name];
      const releases = helmfileForEnvironment(core, name).releases;
      expect(releases.length).toBe(4);
      for (const release of releases) {
        const helmReleaseFile = flux.find((f) => f.path.endsWith(`/${release.name}/app/helmrelease.yaml`))!;
        const hr = parse(helmReleaseFile.content);
        const ks = parseAllDocuments(text(flux, helmReleaseFile.path.replace(/app\/helmrelease\.yaml$/, "ks.yaml")))[0]!.toJS();
        const oci = parse(text(flux, helmReleaseFile.path.replace(/helmrelease\.yaml$/, "ocirepository.yaml")));
        // Flux installs the HelmRelease into the Kustomization's target namespace, under its own name.
        expect({ name: release.name, namespace: release.namespace }).toEqual({ name: hr.metadata.name, namespace: ks.spec.targetNamespace });
        expect({ chart: release.chart, version: release.version }).toEqual({ chart: oci.spec.url, version: oci.spec.ref.tag });
        expect(hr.spec.chartRef.name).toBe(oci.metadata.name);
        const valuesFile = posix.normalize(posix.join(bootstrapLayout.helmfileDir, release.values[0] as string));
        expect(valuesFile).toBe(`bootstrap/clusters/${name}/${release.name}.yaml`);
        expect(parse(text(files, valuesFile))).toEqual(hr.spec.values);
      }
    }
  });

  it("GIVEN the core order THEN the releases form one needs chain cilium -> cert-manager -> flux-operator -> flux-instance", () => {
    for (const name of clusters) {
      const releases = helmfileForEnvironment(core, name).releases;
      expect(releases.map((r) => `${r.namespace}/${r.name} <- [${r.needs.join(",")}]`)).toEqual([
        "kube-system/cilium <- []",
        "cert-manager/cert-manager <- [kube-system/cilium]",
        "flux-system/flux-operator <- [cert-manager/cert-manager]",
        "flux-system/flux-instance <- [flux-system/flux-operator]",
      ]);
    }
  });

  it("GIVEN cilium's config stage THEN the postsync hook applies that cluster's rendered folder", () => {
    for (const name of clusters) {
      const [hook] = helmfileForEnvironment(core, name).releases[0]!.hooks;
      const folder = posix.normalize(posix.join(bootstrapLayout.helmfileDir, hook!.args.at(-1)!));
      expect(estate[name].flux.some((f) => f.path === `${folder}/kustomization.yaml`)).toBe(true);
      expect(folder).toBe(`kubernetes/infrastructure/${name}/network/cilium/config`);
    }
  });

  it("GIVEN the secrets templates THEN they hold only op:// references into each cluster's vault", () => {
    for (const name of clusters) {
      const vault = fixtureContext(name).inventory.external.onepassword.vault;
      const secrets = parseAllDocuments(text(files, bootstrapLayout.secrets(name))).map((d) => d.toJS());
      expect(secrets.map((s) => s.metadata.name).sort()).toEqual(["flux-system", "sops-age"]);
      const values = secrets.flatMap((s) => [...Object.values(s.stringData ?? {}), ...Object.values(s.data ?? {})]) as string[];
      expect(values.length).toBeGreaterThan(0);
      for (const value of values) expect(value).toMatch(new RegExp(`^op://${vault}/[^/\\s]+/[^/\\s]+$`));
    }
  });

  it("GIVEN the whole rendered tree (Flux, bootstrap, .sops.yaml) THEN no Secret holds plain data", () => {
    const tree = [
      ...clusters.flatMap((name) => estate[name].flux),
      ...files,
      sopsConfig({ recipients: ["age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p"] }),
    ];
    expect(tree.filter((f) => /\.ya?ml$/.test(f.path)).length).toBeGreaterThan(30);
    expect(findPlainSecrets(tree)).toEqual([]);
    // The scan is not vacuous: the same tree with one leaked Secret fails it.
    const leak = { path: "kubernetes/leak.yaml", content: "apiVersion: v1\nkind: Secret\nmetadata: { name: leak }\nstringData: { token: hunter2 }\n" };
    expect(findPlainSecrets([...tree, leak])).toEqual(["kubernetes/leak.yaml: Secret leak holds plain secret data (stringData.token)"]);
  });
});
