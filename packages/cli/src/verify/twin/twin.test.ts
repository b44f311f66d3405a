import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import type { AppliedObject } from "../flux-tree.js";
import { OriginIndex } from "../origins.js";
import { formatProblemLine } from "../problems.js";
import type { TreeFile } from "../tree.js";
import type { RenderedObjects } from "./steps.js";
import { runTwin } from "./twin.js";

type Doc = Record<string, unknown>;

const ns = (name: string): Doc => ({ apiVersion: "v1", kind: "Namespace", metadata: { name } });
const crd = (group: string, kind: string, scope = "Namespaced"): Doc => ({
  apiVersion: "apiextensions.k8s.io/v1",
  kind: "CustomResourceDefinition",
  metadata: { name: `${kind.toLowerCase()}s.${group}` },
  spec: { group, names: { kind, plural: `${kind.toLowerCase()}s` }, scope, versions: [{ name: "v1", served: true, storage: true }] },
});
const ks = (name: string, spec: Doc = {}): Doc => ({
  apiVersion: "kustomize.toolkit.fluxcd.io/v1",
  kind: "Kustomization",
  metadata: { name, namespace: "flux-system" },
  spec: { path: `./generated/kubernetes/apps/${name}`, sourceRef: { kind: "GitRepository", name: "flux-system" }, decryption: { provider: "sops" }, ...spec },
});

/** The workload of Kustomization `web`: a Deployment with everything it references, all created by the tree. */
function webObjects(): Doc[] {
  return [
    { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "app", namespace: "web" } },
    { apiVersion: "storage.k8s.io/v1", kind: "StorageClass", metadata: { name: "fast" }, provisioner: "example.com/fast" },
    { apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: { name: "data", namespace: "web" }, spec: { storageClassName: "fast" } },
    {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "app", namespace: "web" },
      spec: {
        template: {
          spec: {
            serviceAccountName: "app",
            containers: [{ name: "app", env: [{ name: "PASSWORD", valueFrom: { secretKeyRef: { name: "app-secret", key: "password" } } }] }],
          },
        },
      },
    },
    {
      apiVersion: "external-secrets.io/v1",
      kind: "ExternalSecret",
      metadata: { name: "app-secret", namespace: "web" },
      spec: { secretStoreRef: { kind: "ClusterSecretStore", name: "vault" }, data: [{ secretKey: "password", remoteRef: { key: "app" } }] },
    },
    { apiVersion: "external-secrets.io/v1", kind: "ClusterSecretStore", metadata: { name: "vault" }, spec: {} },
    { apiVersion: "cert-manager.io/v1", kind: "ClusterIssuer", metadata: { name: "letsencrypt" }, spec: {} },
    { apiVersion: "cert-manager.io/v1", kind: "Certificate", metadata: { name: "web", namespace: "web" }, spec: { secretName: "web-tls", issuerRef: { kind: "ClusterIssuer", name: "letsencrypt" } } },
    { apiVersion: "gateway.networking.k8s.io/v1", kind: "GatewayClass", metadata: { name: "cilium" }, spec: {} },
    {
      apiVersion: "gateway.networking.k8s.io/v1",
      kind: "Gateway",
      metadata: { name: "public", namespace: "web" },
      spec: { gatewayClassName: "cilium", listeners: [{ name: "https", tls: { certificateRefs: [{ name: "web-tls" }] } }] },
    },
    { apiVersion: "gateway.networking.k8s.io/v1", kind: "HTTPRoute", metadata: { name: "app", namespace: "web" }, spec: { parentRefs: [{ name: "public" }] } },
  ];
}

const crdObjects = (): Doc[] => [
  crd("external-secrets.io", "ExternalSecret"),
  crd("external-secrets.io", "ClusterSecretStore", "Cluster"),
  crd("cert-manager.io", "Certificate"),
  crd("cert-manager.io", "ClusterIssuer", "Cluster"),
  crd("gateway.networking.k8s.io", "GatewayClass", "Cluster"),
  crd("gateway.networking.k8s.io", "Gateway"),
  crd("gateway.networking.k8s.io", "HTTPRoute"),
];

interface Estate {
  bootstrapSecrets: Doc[];
  /** The Flux Kustomizations the root applies, and what each applies. */
  kustomizations: { ks: Doc; objects: Doc[] }[];
  /** Extra kustomize-controller args of the FluxInstance. */
  controllerArgs: string[];
}

/**
 * A healthy estate of cluster `demo`: namespaces, the age key and a FluxInstance from the
 * bootstrap; Kustomization `crds` installs the CRDs, `web` (after it) a workload whose every
 * reference resolves.
 */
function healthy(): Estate {
  return {
    bootstrapSecrets: [{ apiVersion: "v1", kind: "Secret", metadata: { name: "sops-age", namespace: "flux-system" }, stringData: { "age.agekey": "op://vault/age" } }],
    kustomizations: [
      { ks: ks("crds"), objects: crdObjects() },
      { ks: ks("web", { targetNamespace: "web", dependsOn: [{ name: "crds" }] }), objects: webObjects() },
    ],
    controllerArgs: ["--sops-age-secret=sops-age"],
  };
}

const yaml = (docs: readonly unknown[]): string => docs.map((d) => `---\n${stringify(d)}`).join("");

function run(estate: Estate, rendered: RenderedObjects = () => []): { lines: string[]; counts: ReturnType<typeof runTwin>["counts"] } {
  const files: TreeFile[] = [
    { path: "kubernetes/clusters/demo/namespaces.yaml", content: yaml([ns("flux-system"), ns("web")]) },
    { path: "bootstrap/clusters/demo/secrets.yaml.tpl", content: yaml(estate.bootstrapSecrets) },
    {
      path: "bootstrap/helmfile.d/01-core.yaml",
      content: yaml([
        { environments: { demo: {} } },
        { releases: [{ name: "flux-instance", namespace: "flux-system", chart: "oci://ghcr.io/controlplaneio-fluxcd/charts/flux-instance", values: ["../clusters/{{ .Environment.Name }}/flux-instance.yaml"] }] },
      ]),
    },
    {
      path: "bootstrap/clusters/demo/flux-instance.yaml",
      content: stringify({
        instance: {
          components: ["source-controller", "kustomize-controller", "helm-controller"],
          sync: { kind: "GitRepository", url: "ssh://git@example.com/demo.git", path: "./generated/kubernetes/clusters/demo" },
          kustomize: {
            patches: estate.controllerArgs.map((arg) => ({
              target: { kind: "Deployment", name: "kustomize-controller" },
              patch: `- op: add\n  path: /spec/template/spec/containers/0/args/-\n  value: ${arg}\n`,
            })),
          },
        },
      }),
    },
    { path: "kubernetes/clusters/demo/flux.yaml", content: yaml(estate.kustomizations.map((k) => k.ks)) },
    ...estate.kustomizations.map((k) => ({ path: `kubernetes/apps/${(k.ks["metadata"] as Doc)["name"]}/objects.yaml`, content: yaml(k.objects) })),
  ];
  const root = "the FluxInstance sync of kubernetes/clusters/demo";
  const objects: AppliedObject[] = [
    ...[ns("flux-system"), ns("web"), ...estate.kustomizations.map((k) => k.ks)].map((doc) => ({ doc, dir: "kubernetes/clusters/demo", appliedBy: root, namespaceFromTarget: false })),
    ...estate.kustomizations.flatMap((k) => {
      const { name, namespace } = k.ks["metadata"] as { name: string; namespace: string };
      return k.objects.map((doc) => ({ doc, dir: `kubernetes/apps/${name}`, appliedBy: `Kustomization ${namespace}/${name}`, namespaceFromTarget: false }));
    }),
  ];
  const result = runTwin({ clusters: [{ cluster: "demo", objects }], files, builds: new Map(), origins: new OriginIndex(files), rendered });
  return { lines: result.problems.map(formatProblemLine), counts: result.counts };
}

const web = (estate: Estate): { ks: Doc; objects: Doc[] } => estate.kustomizations.find((k) => (k.ks["metadata"] as Doc)["name"] === "web")!;
const replace = (objects: Doc[], kind: string, name: string, doc?: Doc): void => {
  const index = objects.findIndex((o) => o["kind"] === kind && (o["metadata"] as Doc)["name"] === name);
  if (doc === undefined) objects.splice(index, 1);
  else objects[index] = doc;
};

describe("runTwin", () => {
  it("GIVEN an estate whose every reference resolves THEN there is no problem and every step, object and reference is counted", () => {
    const { lines, counts } = run(healthy());
    expect(lines).toEqual([]);
    // bootstrap namespaces, bootstrap secrets, phase 1 flux-instance, root, crds, web
    expect(counts).toMatchObject({ steps: 6, unrendered: 0, unverifiable: 0 });
    expect(counts.objects).toBe(2 + 1 + 1 + 4 + crdObjects().length + webObjects().length);
    expect(counts.resolved).toBeGreaterThan(20);
  });

  it("GIVEN a PVC whose StorageClass no one creates THEN the claim, the field and the missing class are named", () => {
    const estate = healthy();
    replace(web(estate).objects, "StorageClass", "fast");
    expect(run(estate).lines).toEqual([
      "twin: kubernetes/apps/web/objects.yaml: PersistentVolumeClaim web/data: spec.storageClassName names StorageClass fast, which is never created (provided by: nobody)",
    ]);
  });

  it("GIVEN a pod reading a Secret no one creates THEN the Deployment and its env entry are named", () => {
    const estate = healthy();
    replace(web(estate).objects, "ExternalSecret", "app-secret");
    expect(run(estate).lines).toEqual([
      "twin: kubernetes/apps/web/objects.yaml: Deployment web/app: spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef names Secret web/app-secret, which is never created (provided by: nobody)",
    ]);
  });

  it("GIVEN a pod reading a key its ExternalSecret does not produce THEN the key, the keys there are and the provider are named", () => {
    const estate = healthy();
    const objects = web(estate).objects;
    const external = objects.find((o) => o["kind"] === "ExternalSecret")!;
    replace(objects, "ExternalSecret", "app-secret", { ...external, spec: { ...(external["spec"] as Doc), data: [{ secretKey: "passwd", remoteRef: { key: "app" } }] } });
    expect(run(estate).lines).toEqual([
      'twin: kubernetes/apps/web/objects.yaml: Deployment web/app: spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef reads key "password" of Secret web/app-secret, which has only passwd (provided by: ExternalSecret web/app-secret (external-secrets))',
    ]);
  });

  it("GIVEN a HelmRelease the Helm render skipped THEN a reference only its chart could satisfy is counted as unjudged, not reported", () => {
    const estate = healthy();
    replace(web(estate).objects, "ServiceAccount", "app");
    web(estate).objects.push({ apiVersion: "helm.toolkit.fluxcd.io/v2", kind: "HelmRelease", metadata: { name: "app", namespace: "web" }, spec: { chart: { spec: { chart: "app" } } } });
    const { lines, counts } = run(estate, (release) => (release.source === "flux" ? undefined : []));
    expect(lines).toEqual([]);
    expect(counts).toMatchObject({ unrendered: 1, unverifiable: 1 });
  });

  it("GIVEN a pod whose ServiceAccount no one creates THEN the admission failure is reported", () => {
    const estate = healthy();
    replace(web(estate).objects, "ServiceAccount", "app");
    expect(run(estate).lines).toEqual([
      "twin: kubernetes/apps/web/objects.yaml: Deployment web/app: spec.template.spec.serviceAccountName names ServiceAccount web/app, which is never created (provided by: nobody)",
    ]);
  });

  it("GIVEN a Certificate whose ClusterIssuer no one creates THEN the issuerRef is reported", () => {
    const estate = healthy();
    replace(web(estate).objects, "ClusterIssuer", "letsencrypt");
    expect(run(estate).lines).toEqual([
      "twin: kubernetes/apps/web/objects.yaml: Certificate web/web: spec.issuerRef names ClusterIssuer letsencrypt, which is never created (provided by: nobody)",
    ]);
  });

  it("GIVEN an ExternalSecret whose ClusterSecretStore no one creates THEN the secretStoreRef is reported", () => {
    const estate = healthy();
    replace(web(estate).objects, "ClusterSecretStore", "vault");
    expect(run(estate).lines).toEqual([
      "twin: kubernetes/apps/web/objects.yaml: ExternalSecret web/app-secret: spec.secretStoreRef names ClusterSecretStore vault, which is never created (provided by: nobody)",
    ]);
  });

  it("GIVEN an HTTPRoute whose parent Gateway no one creates THEN the parentRef is reported", () => {
    const estate = healthy();
    replace(web(estate).objects, "Gateway", "public");
    expect(run(estate).lines).toEqual([
      "twin: kubernetes/apps/web/objects.yaml: HTTPRoute web/app: spec.parentRefs[0] names Gateway web/public, which is never created (provided by: nobody)",
    ]);
  });

  it("GIVEN a Kustomization outside flux-system with secretRef sops-age THEN the Secret missing from its namespace is reported", () => {
    const estate = healthy();
    const entry = web(estate);
    entry.ks = { ...entry.ks, metadata: { name: "web", namespace: "web" }, spec: { ...(entry.ks["spec"] as Doc), decryption: { provider: "sops", secretRef: { name: "sops-age" } }, dependsOn: [{ name: "crds", namespace: "flux-system" }] } };
    expect(run(estate).lines).toEqual([
      "twin: kubernetes/clusters/demo/flux.yaml: Kustomization web/web: spec.decryption.secretRef Secret web/sops-age does not exist when it is reconciled (provided by: nobody)",
    ]);
  });

  it("GIVEN the controller-wide age key flag but no such Secret from the bootstrap THEN every decrypting Kustomization reports it", () => {
    const estate = healthy();
    estate.bootstrapSecrets = [];
    expect(run(estate).lines).toEqual([
      "twin: kubernetes/clusters/demo/flux.yaml: Kustomization flux-system/crds: the kustomize-controller --sops-age-secret Secret flux-system/sops-age does not exist when it is reconciled (provided by: nobody)",
      "twin: kubernetes/clusters/demo/flux.yaml: Kustomization flux-system/web: the kustomize-controller --sops-age-secret Secret flux-system/sops-age does not exist when it is reconciled (provided by: nobody)",
    ]);
  });

  it("GIVEN healthCheckExprs with wait false and no matching healthChecks THEN the idle gate is reported", () => {
    const estate = healthy();
    const entry = web(estate);
    const current = "status.conditions.exists(e, e.type == 'Ready' && e.status == 'True')";
    entry.ks = { ...entry.ks, spec: { ...(entry.ks["spec"] as Doc), wait: false, healthCheckExprs: [{ apiVersion: "cert-manager.io/v1", kind: "ClusterIssuer", current }] } };
    expect(run(estate).lines).toEqual([
      "twin: kubernetes/clusters/demo/flux.yaml: Kustomization flux-system/web: spec.healthCheckExprs[0] cert-manager.io/v1 ClusterIssuer is never evaluated: wait is false and spec.healthChecks lists no object of that kind (provided by: nobody)",
    ]);
    entry.ks = { ...entry.ks, spec: { ...(entry.ks["spec"] as Doc), healthChecks: [{ apiVersion: "cert-manager.io/v1", kind: "ClusterIssuer", name: "letsencrypt" }] } };
    expect(run(estate).lines).toEqual([]);
  });

  it("GIVEN a CRD installed by a Kustomization that runs after its first custom resource THEN the ordering is reported", () => {
    const estate = healthy();
    const [crds, webEntry] = estate.kustomizations;
    webEntry!.ks = { ...webEntry!.ks, spec: { ...(webEntry!.ks["spec"] as Doc), dependsOn: undefined } };
    crds!.ks = { ...crds!.ks, spec: { ...(crds!.ks["spec"] as Doc), dependsOn: [{ name: "web" }] } };
    crds!.objects = crdObjects().filter((c) => ((c["spec"] as Doc)["names"] as Doc)["kind"] === "HTTPRoute");
    webEntry!.objects = [...webEntry!.objects.filter((o) => o["kind"] !== "HTTPRoute"), ...crdObjects().filter((c) => ((c["spec"] as Doc)["names"] as Doc)["kind"] !== "HTTPRoute"), ...webObjects().filter((o) => o["kind"] === "HTTPRoute")];
    expect(run(estate).lines).toEqual([
      "twin: kubernetes/apps/web/objects.yaml: HTTPRoute web/app: CRD for gateway.networking.k8s.io/HTTPRoute is not installed before it (provided by: Kustomization flux-system/crds, which does not run before this step)",
    ]);
  });

  it("GIVEN an object in a namespace that only a Kustomization it does not depend on creates THEN the order is reported", () => {
    const estate = healthy();
    web(estate).objects.push({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings", namespace: "shop" }, data: {} });
    estate.kustomizations.push({ ks: ks("shop"), objects: [ns("shop")] });
    expect(run(estate).lines).toEqual([
      'twin: kubernetes/apps/web/objects.yaml: ConfigMap shop/settings: namespace "shop" does not exist when it is applied (provided by: Kustomization flux-system/shop, which does not run before this step)',
    ]);
  });

  it("GIVEN an object in a namespace no one creates THEN the twin leaves it to the namespace check (one report, not two)", () => {
    const estate = healthy();
    web(estate).objects.push({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings", namespace: "shop" }, data: {} });
    expect(run(estate).lines).toEqual([]);
  });
});
