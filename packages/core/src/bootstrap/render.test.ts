import { posix } from "node:path";
import { parse, parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { defineComponent, type Component } from "../component/index.js";
import type { GeneratedFile } from "../files/index.js";
import { ociChart } from "../flux/index.js";
import { renderCluster } from "../render/index.js";
import { fakeApp, fakeCore } from "./__fixtures__/components.js";
import { bootstrapLayout, coreRelease, helmfileForEnvironment, renderBootstrap, type BootstrapCluster, type CrdChart } from "./index.js";

const content = (files: readonly GeneratedFile[], path: string): string => {
  const file = files.find((f) => f.path === path);
  if (!file) throw new Error(`no file ${path} among ${files.map((f) => f.path).join(", ")}`);
  return file.content;
};
const fromHelmfileDir = (path: string): string => posix.normalize(posix.join(bootstrapLayout.helmfileDir, path));
const docs = (text: string): Record<string, any>[] => parseAllDocuments(text).map((d) => d.toJS());

const gatewayCrds: CrdChart = { name: "gateway-api-crds", namespace: "kube-system", chart: ociChart("oci://registry.example.net/charts/gateway-api-crds", "1.3.0") };

function estate(): { infra: BootstrapCluster; apps: BootstrapCluster; components: Record<string, Component[]> } {
  const i = fakeCore("infra");
  const a = fakeCore("apps");
  const infraCore = [i.cilium, i.coredns, i.spegel, i.certs];
  const appsCore = [a.cilium, a.coredns, a.certs];
  return {
    infra: { name: "infra", core: [coreRelease(i.cilium, { postsyncStages: ["config"] }), i.coredns, i.spegel, i.certs], crds: [gatewayCrds], components: infraCore },
    apps: { name: "apps", core: [coreRelease(a.cilium, { postsyncStages: ["config"] }), a.coredns, a.certs], crds: [], components: appsCore },
    components: { infra: infraCore, apps: appsCore },
  };
}

describe("renderBootstrap", () => {
  const { infra, apps, components } = estate();
  const files = renderBootstrap({ clusters: [infra, apps] });
  const core = content(files, bootstrapLayout.core);

  it("GIVEN two clusters THEN the shared helmfiles are shared-scope and values files belong to their cluster", () => {
    expect(files.find((f) => f.path === bootstrapLayout.core)?.scope).toBe("shared");
    expect(files.find((f) => f.path === "bootstrap/clusters/apps/cilium.yaml")?.scope).toBe("cluster:apps");
    expect(files.some((f) => f.path === "bootstrap/clusters/apps/spegel.yaml")).toBe(false);
  });

  it("GIVEN each cluster's ordered core list THEN each environment installs exactly that list, each release needing the one before", () => {
    for (const cluster of [infra, apps]) {
      const resolved = helmfileForEnvironment(core, cluster.name);
      const expected = cluster.core.map((entry) => ("component" in entry ? entry.component : entry).name);
      expect(resolved.releases.map((r) => r.name)).toEqual(expected);
      resolved.releases.forEach((release, index) => {
        const previous = resolved.releases[index - 1];
        expect(release.needs).toEqual(previous ? [`${previous.namespace}/${previous.name}`] : []);
      });
    }
    // The subset is visible in the file itself, not only through the evaluator.
    const spegel = docs(core)[1]!.releases.find((r: { name: string }) => r.name === "spegel");
    expect(spegel.condition).toBe("spegel.enabled");
    expect(docs(core)[0]!.environments).toEqual({ infra: { values: [{ spegel: { enabled: true } }] }, apps: { values: [{ spegel: { enabled: false } }] } });
  });

  it("GIVEN the Flux tree of each cluster THEN every bootstrap release agrees with its HelmRelease on name, namespace, chart, version and values", () => {
    for (const cluster of [infra, apps]) {
      const flux = renderCluster({ name: cluster.name, components: components[cluster.name]! });
      const resolved = helmfileForEnvironment(core, cluster.name);
      for (const release of resolved.releases) {
        const dir = flux.find((f) => f.path.endsWith(`/${release.name}/app/helmrelease.yaml`))!.path.replace(/helmrelease\.yaml$/, "");
        const hr = parse(content(flux, `${dir}helmrelease.yaml`));
        expect({ name: release.name, namespace: release.namespace }).toEqual({ name: hr.metadata.name, namespace: cluster.components!.find((c) => c.name === release.name)!.namespace });
        const [valuesPath] = release.values as string[];
        expect(parse(content(files, fromHelmfileDir(valuesPath!)))).toEqual(hr.spec.values);
        if (hr.spec.chartRef) {
          const source = parse(content(flux, `${dir}ocirepository.yaml`));
          expect({ chart: release.chart, version: release.version }).toEqual({ chart: source.spec.url, version: source.spec.ref.tag });
        } else {
          const repository = parse(content(flux, `${dir}helmrepository.yaml`));
          expect(release.chart).toBe(`${repository.metadata.name}/${hr.spec.chart.spec.chart}`);
          expect(release.version).toBe(hr.spec.chart.spec.version);
          expect(helmfileForEnvironment(core, cluster.name).repositories).toContainEqual({ name: repository.metadata.name, url: repository.spec.url });
        }
      }
    }
  });

  it("GIVEN a postsync stage THEN the hook applies that rendered stage folder server-side as kustomize-controller", () => {
    for (const cluster of [infra, apps]) {
      const flux = renderCluster({ name: cluster.name, components: components[cluster.name]! });
      const [hook] = helmfileForEnvironment(core, cluster.name).releases.find((r) => r.name === "cilium")!.hooks;
      expect(hook?.events).toEqual(["postsync"]);
      expect(hook?.args.slice(0, 5)).toEqual(["apply", "--server-side", "--field-manager=kustomize-controller", "--namespace=kube-system", "--kustomize"]);
      const folder = fromHelmfileDir(hook!.args[5]!);
      expect(folder).toBe(`kubernetes/infrastructure/${cluster.name}/core/cilium/config`);
      expect(flux.some((f) => f.path === `${folder}/kustomization.yaml`)).toBe(true);
    }
  });

  it("GIVEN phase 1 THEN helm waits for every release and cleans up failed installs", () => {
    expect(helmfileForEnvironment(core, "infra").helmDefaults).toEqual({ cleanupOnFail: true, wait: true, waitForJobs: true });
  });

  it("GIVEN a CRD chart only one cluster needs THEN phase 0 is template-only and renders it for that cluster alone", () => {
    const crds = content(files, bootstrapLayout.crds);
    expect(helmfileForEnvironment(crds, "infra").helmDefaults).toEqual({ args: ["--include-crds", "--no-hooks"] });
    expect(helmfileForEnvironment(crds, "infra").releases.map((r) => [r.name, r.chart, r.version])).toEqual([
      ["gateway-api-crds", gatewayCrds.chart.type === "oci" ? gatewayCrds.chart.url : "", "1.3.0"],
    ]);
    expect(helmfileForEnvironment(crds, "apps").releases).toEqual([]);
  });

  it("GIVEN clusters pinning different versions of a core chart THEN each environment gets its own version", () => {
    const canary = fakeApp("coredns", "kube-system", { chart: ociChart("oci://registry.example.net/charts/coredns", "2.0.0") });
    const base = fakeCore("infra");
    const out = renderBootstrap({
      clusters: [
        { name: "infra", core: [base.cilium, base.coredns], crds: [] },
        { name: "apps", core: [base.cilium, canary], crds: [] },
      ],
    });
    const text = content(out, bootstrapLayout.core);
    expect(helmfileForEnvironment(text, "infra").releases[1]!.version).toBe("1.0.0");
    expect(helmfileForEnvironment(text, "apps").releases[1]!.version).toBe("2.0.0");
  });

  it("GIVEN one cluster THEN the helmfiles carry no templates at all but the environment", () => {
    const single = renderBootstrap({ clusters: [infra] });
    expect(content(single, bootstrapLayout.core)).not.toContain("{{");
    expect(docs(content(single, bootstrapLayout.core))[0]).toEqual({ environments: { infra: {} } });
  });
});

describe("CRD manifests", () => {
  const { cilium } = fakeCore("infra");
  const gatewayApi = { name: "gateway-api", url: "https://github.com/kubernetes-sigs/gateway-api/releases/download/v1.3.0/standard-install.yaml" };

  it("GIVEN a CRD manifest THEN it is listed for its cluster only, outside the helmfile", () => {
    const files = renderBootstrap({
      clusters: [
        { name: "infra", core: [cilium], crds: [gatewayApi, gatewayCrds] },
        { name: "apps", core: [fakeCore("apps").cilium], crds: [] },
      ],
    });
    expect(parseAllDocuments(content(files, bootstrapLayout.crdManifests("infra")))[0]!.toJS()).toEqual([gatewayApi]);
    expect(files.some((f) => f.path === bootstrapLayout.crdManifests("apps"))).toBe(false);
    expect(helmfileForEnvironment(content(files, bootstrapLayout.crds), "infra").releases.map((r) => r.name)).toEqual(["gateway-api-crds"]);
  });

  it("GIVEN a manifest URL that is not https THEN the error names it", () => {
    expect(() => renderBootstrap({ clusters: [{ name: "infra", core: [cilium], crds: [{ name: "gateway-api", url: "http://example.net/crds.yaml" }] }] })).toThrow(
      'CRD manifest "gateway-api": url must be an https:// URL, got "http://example.net/crds.yaml"',
    );
  });
});

describe("renderBootstrap refuses what Flux could not adopt", () => {
  const { cilium, coredns } = fakeCore("infra");
  const render = (core: BootstrapCluster["core"], extra: Partial<BootstrapCluster> = {}) => () =>
    renderBootstrap({ clusters: [{ name: "infra", core, crds: [], ...extra }] });

  it("GIVEN a core release that depends on a later one THEN the error names both", () => {
    const dns = fakeApp("coredns", "kube-system", { dependsOn: [{ name: "cilium", namespace: "kube-system" }] });
    expect(render([dns, cilium])).toThrow("core release kube-system/coredns depends on kube-system/cilium, which is listed after it");
  });

  it("GIVEN a core component the cluster does not render THEN Flux could never adopt it", () => {
    expect(render([cilium, coredns], { components: [cilium] })).toThrow("core release kube-system/coredns is not one of the cluster's components");
  });

  it("GIVEN a release with valuesFrom THEN the bootstrap refuses it", () => {
    const app = fakeApp("vault", "security", { spec: { valuesFrom: [{ kind: "ConfigMap", name: "vault-values" }] } });
    expect(render([app])).toThrow("release security/vault sets options.valuesFrom");
  });

  it("GIVEN a release stored in another namespace than it installs into THEN helmfile could not reproduce it", () => {
    const app = fakeApp("vault", "security", { spec: { targetNamespace: "vault", storageNamespace: "security" } });
    expect(render([app])).toThrow('release security/vault stores its release in "security" but installs into "vault"; helmfile cannot reproduce that');
  });

  it("GIVEN a release with a targetNamespace THEN the helmfile release is named and placed as helm-controller names it", () => {
    // helm-controller api/v2 HelmRelease.GetReleaseName: `<targetNamespace>-<name>` unless releaseName is set.
    const app = fakeApp("vault", "security", { spec: { targetNamespace: "vault", storageNamespace: "vault" } });
    const files = renderBootstrap({ clusters: [{ name: "infra", core: [app], crds: [], components: [app] }] });
    const [release] = helmfileForEnvironment(content(files, bootstrapLayout.core), "infra").releases;
    expect({ name: release!.name, namespace: release!.namespace }).toEqual({ name: "vault-vault", namespace: "vault" });
    const named = fakeApp("vault", "security", { spec: { targetNamespace: "vault", storageNamespace: "vault", releaseName: "secrets" } });
    const renamed = renderBootstrap({ clusters: [{ name: "infra", core: [named], crds: [], components: [named] }] });
    expect(helmfileForEnvironment(content(renamed, bootstrapLayout.core), "infra").releases[0]!.name).toBe("secrets");
  });

  it("GIVEN a chart pinned to a semver range THEN the bootstrap asks for an exact version", () => {
    const app = fakeApp("loose", "demo", { chart: ociChart("oci://registry.example.net/charts/loose", "1.x") });
    expect(render([app])).toThrow('release demo/loose chart loose: the version must be exact for the bootstrap, got "1.x"');
  });

  it("GIVEN a postsync stage the component lacks THEN the error lists its stages", () => {
    expect(render([coreRelease(coredns, { postsyncStages: ["config"] })])).toThrow('core release kube-system/coredns has no stage "config" to apply after sync (stages: app)');
  });

  it("GIVEN a component typed with its stages WHEN a postsync stage it lacks is named THEN it is a type error (the core typecheck fails if the line compiles)", () => {
    const typed = defineComponent({ name: "operator", namespace: "demo", area: "infrastructure", category: "system", stages: [{ name: "app", resources: [] }, { name: "config", resources: [] }] });
    expect(coreRelease(typed, { postsyncStages: ["config"] }).postsyncStages).toEqual(["config"]);
    // @ts-expect-error "confg" is not a stage of the component
    const misspelt = () => coreRelease(typed, { postsyncStages: ["confg"] });
    expect(misspelt).toBeTypeOf("function");
  });

  it("GIVEN a release first in one cluster but not in another THEN the needs chain cannot be shared", () => {
    const apps = fakeCore("apps");
    expect(() =>
      renderBootstrap({
        clusters: [
          { name: "infra", core: [cilium, coredns], crds: [] },
          { name: "apps", core: [apps.coredns], crds: [] },
        ],
      }),
    ).toThrow("release kube-system/coredns is the first phase 1 release of cluster(s) apps but not of infra");
  });

  it("GIVEN a bootstrap secret holding a value instead of a reference THEN the error names the key", () => {
    const secrets = [{ name: "sops-age", namespace: "flux-system", purpose: "SOPS", stringData: { "age.agekey": "AGE-SECRET-KEY-1QQQ" } }];
    expect(render([cilium], { secrets })).toThrow('bootstrap secret flux-system/sops-age: stringData.age.agekey must be a 1Password reference op://vault/item/field, got "AGE-SECRET-KEY-1QQQ"');
  });
});

describe("the bootstrap secrets template", () => {
  const { cilium } = fakeCore("infra");
  const secrets = [
    { name: "sops-age", namespace: "flux-system", purpose: "decrypts SOPS files", stringData: { "age.agekey": "op://kubernetes-infra/sops-age/age-key" } },
    { name: "flux-system", namespace: "flux-system", purpose: "Git deploy key", data: { identity: "op://kubernetes-infra/flux/identity-base64" } },
  ];
  const files = renderBootstrap({ clusters: [{ name: "infra", core: [cilium], crds: [], secrets }] });
  const text = content(files, bootstrapLayout.secrets("infra"));

  it("GIVEN bootstrap secrets THEN the template holds one Secret each, every value an op:// reference", () => {
    const manifests = docs(text);
    expect(manifests.map((m) => `${m.kind} ${m.metadata.namespace}/${m.metadata.name}`)).toEqual(["Secret flux-system/sops-age", "Secret flux-system/flux-system"]);
    const values = manifests.flatMap((m) => [...Object.values(m.stringData ?? {}), ...Object.values(m.data ?? {})]);
    expect(values.length).toBe(2);
    for (const value of values) expect(value).toMatch(/^op:\/\/[^/\s]+\/[^/\s]+\/[^/\s]+$/);
  });

  it("GIVEN the template THEN it says why each secret is needed and how to apply it", () => {
    expect(text).toContain("#   flux-system/sops-age: decrypts SOPS files");
    expect(text).toContain(`# Apply: op inject -i ${bootstrapLayout.secrets("infra")} | kubectl apply --server-side -f -`);
  });
});
