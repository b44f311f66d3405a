import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { stageKustomizationName, UserError, type GeneratedFile } from "@k8s-gitops/core";
import { estateOutputDir, kubectlRequired, matchGolden, strictProblems } from "@k8s-gitops/core/testing";
import { describe, expect, it } from "vitest";
import { serviceUrl } from "../clustermesh/index.js";
import { s3CredentialFields as gitlabFields } from "../gitlab/index.js";
import { build as buildGitlab, resourcesOf as gitlabResources } from "../gitlab/test-support.js";
import { s3CredentialFields as harborFields } from "../harbor/index.js";
import { build as buildHarbor } from "../harbor/test-support.js";
import { assertProvided } from "../needs/index.js";
import { objectStoreEndpoint, rookNamespace } from "../rook-ceph/index.js";
import { objectStorageTenants, operatorObcValues, type ObjectStorageConsumer } from "./index.js";
import { appsBucketNeeds, consumers, docsOf, filesOf, infra, infraComponents, naming, ofKind, renderInfra } from "./testing/support.js";
import { kustomizeFailures } from "../testing/kustomize.js";

const here = dirname(fileURLToPath(import.meta.url));
const own = (files: readonly GeneratedFile[]) => filesOf(files, "object-storage-tenants");
const json = (value: unknown): any => JSON.parse(JSON.stringify(value));

describe("objectStorageTenants on infra", () => {
  it("GIVEN the buckets GitLab and Harbor need THEN the render matches the golden files", () => {
    expect(matchGolden(join(here, "__golden__", "infra"), own(renderInfra()), { coveredBy: estateOutputDir() })).toBe("");
  });

  it("GIVEN the render (with quotas) THEN every CephObjectStoreUser, ObjectBucketClaim, PushSecret and Service passes strict validation", () => {
    const withQuotas = consumers.map((c) => ({ ...c, quotas: { maxBuckets: 20, maxSize: "500Gi", maxObjects: 1_000_000 } }));
    const files = own(renderInfra({ consumers: withQuotas }));
    expect(new Set(ofKind(files, "CephObjectStoreUser").map((u) => u.spec.quotas.maxSize))).toEqual(new Set(["500Gi"]));
    const kinds = new Set(docsOf(files).map((d) => d.kind));
    for (const kind of ["CephObjectStoreUser", "ObjectBucketClaim", "PushSecret", "Service"]) expect(kinds).toContain(kind);
    expect(strictProblems(files)).toEqual([]);
  });

  it("GIVEN a misspelled field in a claim or a PushSecret THEN strict validation rejects it (the schemas are really applied)", () => {
    const broken = own(renderInfra()).map((f) => ({ ...f, content: f.content.replace("bucketName:", "bucketNam:").replace("secretKey: AccessKey", "secretKeyy: AccessKey") }));
    const problems = strictProblems(broken);
    expect(problems.some((p) => /ObjectBucketClaim.*bucketNam/.test(p))).toBe(true);
    expect(problems.some((p) => /PushSecret.*secretKeyy/.test(p))).toBe(true);
  });

  it.runIf(kubectlRequired())("GIVEN the infra render THEN every kustomization builds with kubectl kustomize", () => {
    expect(kustomizeFailures(renderInfra())).toEqual([]);
  });

  it("GIVEN the consumers THEN provided.buckets is exactly the set of buckets claimed by name, and covers every need", () => {
    const { tenants } = infraComponents();
    const claimed = ofKind(own(renderInfra()), "ObjectBucketClaim").map((c) => c.spec.bucketName);
    expect([...tenants.provided.buckets].sort()).toEqual([...claimed].sort());
    expect(new Set(claimed).size).toBe(claimed.length);
    expect(tenants.provided).toMatchObject({ databases: [], oidcClients: [] });
    expect(() => assertProvided({ ...appsBucketNeeds, databases: [], oidcClients: [] }, tenants.provided)).not.toThrow();
    expect(claimed.sort()).toEqual(appsBucketNeeds.buckets.map((b) => b.bucket).sort());
  });

  it("GIVEN the render THEN every bucket has exactly one owner, a rendered user, and each user owns exactly its consumer's buckets", () => {
    const files = own(renderInfra());
    const users = new Set(ofKind(files, "CephObjectStoreUser").map((u) => u.metadata.name));
    const claims = ofKind(files, "ObjectBucketClaim");
    for (const claim of claims) {
      expect(claim.spec.storageClassName).toBe("ceph-bucket");
      expect(users.has(claim.spec.additionalConfig.bucketOwner)).toBe(true);
    }
    for (const consumer of consumers) {
      const owned = claims.filter((c) => c.spec.additionalConfig.bucketOwner === consumer.user).map((c) => c.spec.bucketName);
      expect(owned.sort()).toEqual([...consumer.buckets].sort());
    }
  });

  it("GIVEN a bucket listed by two consumers THEN it is refused, naming the bucket and its first owner", () => {
    const [gitlab, harbor] = consumers as [ObjectStorageConsumer, ObjectStorageConsumer];
    const call = () => objectStorageTenants(infra, { consumers: [gitlab, { ...harbor, buckets: [...harbor.buckets, gitlab.buckets[0]!] }] });
    expect(call).toThrow(UserError);
    expect(call).toThrow(`consumers[1].buckets[1] "${gitlab.buckets[0]}" is already owned by GitLab (user "gitlab"); a bucket has exactly one owner`);
  });

  it("GIVEN the render THEN Flux keeps every claim and user when it leaves the repository, and nothing holds a secret value", () => {
    const files = own(renderInfra());
    for (const doc of [...ofKind(files, "ObjectBucketClaim"), ...ofKind(files, "CephObjectStoreUser")]) {
      expect(doc.metadata.annotations["kustomize.toolkit.fluxcd.io/prune"]).toBe("disabled");
    }
    expect(ofKind(files, "Secret")).toEqual([]);
    expect(files.some((f) => /stringData:|^\s*data:\s*\n\s+AWS_/m.test(f.content))).toBe(false);
    for (const push of ofKind(files, "PushSecret")) expect(push.spec.template).toBeUndefined();
    for (const user of ofKind(files, "CephObjectStoreUser")) expect(user.spec.keys).toBeUndefined();
  });

  it("GIVEN each consumer THEN its PushSecret copies Rook's user Secret into its item, as exactly the fields GitLab and Harbor read", () => {
    const pushes = ofKind(own(renderInfra()), "PushSecret");
    expect(pushes).toHaveLength(consumers.length);
    for (const consumer of consumers) {
      const push = pushes.find((p) => p.spec.selector.secret.name === `rook-ceph-object-user-${objectStoreEndpoint.store}-${consumer.user}`);
      expect(push, consumer.consumer).toBeDefined();
      if (!push) continue;
      expect(push.spec.secretStoreRefs).toEqual([{ kind: "ClusterSecretStore", name: "onepassword" }]);
      expect(push.spec.data.map((d: any) => d.match.remoteRef.remoteKey)).toEqual([consumer.credentialsItem, consumer.credentialsItem]);
      expect(push.spec.data.map((d: any) => d.match.secretKey).sort()).toEqual(["AccessKey", "SecretKey"]);
      const fields = push.spec.data.map((d: any) => d.match.remoteRef.property).sort();
      expect(fields).toEqual(Object.values(gitlabFields).sort());
      expect(fields).toEqual(Object.values(harborFields).sort());
    }
  });

  it("GIVEN GitLab and Harbor built with the tenants' endpoint and items THEN every field they read from those items is one the PushSecrets write", () => {
    const { tenants } = infraComponents();
    const pushed = new Set(ofKind(own(renderInfra()), "PushSecret").flatMap((p) => p.spec.data.map((d: any) => `${d.match.remoteRef.remoteKey}/${d.match.remoteRef.property}`)));
    const read = (externalSecrets: any[], item: string) =>
      externalSecrets.flatMap((es) => es.spec.data ?? []).filter((d: any) => d.remoteRef.key === item).map((d: any) => `${item}/${d.remoteRef.property}`);
    const gitlabItem = naming.credentialsItem("GitLab");
    const harborItem = naming.credentialsItem("Harbor");
    const gitlabReads = read(gitlabResources(buildGitlab({ objectStorage: { endpoint: tenants.endpoints.s3, credentialsItem: gitlabItem } })).ExternalSecret ?? [], gitlabItem);
    const harborComponent = buildHarbor({ objectStorage: { endpoint: tenants.endpoints.s3, credentialsItem: harborItem } });
    const harborReads = read(harborComponent.stages.flatMap((s) => s.resources).map(json).filter((r) => r.kind === "ExternalSecret"), harborItem);
    expect(gitlabReads.length).toBeGreaterThan(0);
    expect(harborReads.length).toBeGreaterThan(0);
    for (const field of [...gitlabReads, ...harborReads]) expect(pushed.has(field), field).toBe(true);
  });

  it("GIVEN the render THEN the global Service selects Rook's RGW pods on the RGW container port, under a name apps' own Rook does not use", () => {
    const { tenants } = infraComponents();
    const service = ofKind(own(renderInfra()), "Service")[0]!;
    expect(service.metadata.name).not.toBe(objectStoreEndpoint.service);
    expect(service.metadata.annotations).toMatchObject({ "service.cilium.io/global": "true" });
    expect(service.spec.selector).toEqual({ app: "rook-ceph-rgw", rook_cluster: rookNamespace, rook_object_store: objectStoreEndpoint.store });
    expect(service.spec.ports).toEqual([{ name: "http", port: objectStoreEndpoint.port, protocol: "TCP", targetPort: 8080 }]);
    expect(tenants.endpoints.s3).toEqual({ cluster: infra.inventory.cluster.name, namespace: rookNamespace, name: service.metadata.name, port: 80, portName: "http" });
    expect(serviceUrl(tenants.endpoints.s3)).toBe(`http://${service.metadata.name}.${rookNamespace}.svc.cluster.local:80`);
  });

  it("GIVEN the refs THEN users wait for the object store, claims for healthy users, PushSecrets for the secret store", () => {
    const { tenants, components } = infraComponents();
    const kustomizations = ofKind(own(renderInfra()), "Kustomization").filter((k) => k.apiVersion.startsWith("kustomize.toolkit"));
    const byStage = Object.fromEntries(kustomizations.map((k) => [k.metadata.labels["k8s-gitops.io/stage"], k]));
    const nameOf = (name: string, stage: string) => stageKustomizationName(components.find((c) => c.name === name)!, stage);
    expect(byStage.users.spec.dependsOn.map((d: any) => d.name)).toEqual([nameOf("rook-ceph-cluster", "storage")]);
    expect(byStage.buckets.spec.dependsOn.map((d: any) => d.name)).toEqual([nameOf(tenants.name, "users")]);
    expect(byStage.credentials.spec.dependsOn.map((d: any) => d.name).sort()).toEqual([nameOf(tenants.name, "buckets"), nameOf("onepassword-connect", "store")].sort());
    expect(byStage.users.spec.healthChecks.map((h: any) => h.name).sort()).toEqual(consumers.map((c) => c.user).sort());
    expect(byStage.buckets.spec.healthChecks.map((h: any) => h.name).sort()).toEqual([...tenants.provided.buckets]);
  });

  it("GIVEN the rendered claims THEN every additionalConfig key they use is allowed by the operator values the module exports, which keep Rook's defaults", () => {
    const allowed = operatorObcValues.obcAllowAdditionalConfigFields.split(",");
    const used = new Set(ofKind(own(renderInfra()), "ObjectBucketClaim").flatMap((c) => Object.keys(c.spec.additionalConfig)));
    expect([...used]).toEqual(["bucketOwner"]);
    for (const key of used) expect(allowed).toContain(key);
    expect(allowed).toEqual(expect.arrayContaining(["maxObjects", "maxSize"]));
  });

  it("GIVEN a pushStore THEN every PushSecret writes to that store and nothing else changes", () => {
    const files = own(renderInfra({ pushStore: "onepassword-shared" }));
    for (const push of ofKind(files, "PushSecret")) expect(push.spec.secretStoreRefs).toEqual([{ kind: "ClusterSecretStore", name: "onepassword-shared" }]);
    const withoutPushes = (fs: GeneratedFile[]) => fs.filter((f) => !f.path.includes("/pushsecret"));
    expect(withoutPushes(files)).toEqual(withoutPushes(own(renderInfra())));
  });

  it("GIVEN several mistakes THEN one UserError lists each with its field path and value", () => {
    let error: unknown;
    try {
      objectStorageTenants(infra, {
        consumers: [
          { consumer: "GitLab", user: "GitLab", credentialsItem: "s3", buckets: ["gitlab_lfs"] },
          { consumer: "Harbor", user: "harbor", credentialsItem: "s3", buckets: [], quotas: { maxSize: "lots", maxBuckets: -1 } },
          { consumer: "Loki", user: "harbor", credentialsItem: " ", buckets: ["loki-chunks"] },
        ],
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).problems).toEqual([
      'consumers[0].user must be a DNS label (it names a CephObjectStoreUser and its Secret), got "GitLab"',
      expect.stringMatching(/^consumers\[0\]\.buckets\[0\]: .*got "gitlab_lfs"$/),
      'consumers[1].credentialsItem "s3" already holds the keys of GitLab',
      "consumers[1].buckets must list at least one bucket for Harbor",
      "consumers[1].quotas.maxBuckets must be a non-negative integer, got -1",
      'consumers[1].quotas.maxSize must be a Kubernetes quantity such as "500Gi", got "lots"',
      'consumers[2].user "harbor" is already the user of Harbor',
      'consumers[2].credentialsItem must name a 1Password item, got " "',
    ]);
  });

  it("GIVEN no consumers THEN only the global Service is rendered, in a single stage", () => {
    const tenants = objectStorageTenants(infra, { consumers: [] });
    expect(tenants.stages.map((s) => s.name)).toEqual(["users"]);
    expect(tenants.stages[0]!.resources.map((r) => r.kind)).toEqual(["Service"]);
    expect(tenants.provided.buckets).toEqual([]);
  });
});
