import { ref, type Component, type GeneratedFile } from "@k8s-gitops/core";
import { fixtureContext } from "@k8s-gitops/core/testing";
import { externalSecrets, onePasswordConnect, secretStoreRef } from "../../external-secrets/index.js";
import { gitlabNeeds } from "../../gitlab/index.js";
import { harborNeeds } from "../../harbor/index.js";
import { collectNeeds } from "../../needs/index.js";
import { documentsOf, renderWithShared, rookComponents } from "../../rook-ceph/testing/support.js";
import { consumersFromNeeds, objectStorageTenants, remoteObjectStore, type ObjectStorageConsumer, type ObjectStorageTenants, type ObjectStorageTenantsProps } from "../index.js";

export const infra = fixtureContext("infra");
export const apps = fixtureContext("apps");

/** What the apps workloads need (buckets, but also databases and clients), computed by their own builders, as the estate does. */
export const appsBucketNeeds = collectNeeds(
  gitlabNeeds(apps, { oidc: { secretItem: "gitlab-oidc" } }),
  harborNeeds(apps, { oidc: { secretItem: "harbor-oidc" } }),
);

export const naming = { user: (consumer: string) => consumer.toLowerCase(), credentialsItem: (consumer: string) => `${consumer.toLowerCase()}-s3` };

export const consumers: ObjectStorageConsumer[] = consumersFromNeeds(appsBucketNeeds, naming);

/** The infra components the tenants refer to (secret store, Rook), built with their real builders. */
export function infraComponents(props: Partial<ObjectStorageTenantsProps> = {}): { tenants: ObjectStorageTenants; components: Component[] } {
  const eso = externalSecrets(infra);
  const connect = onePasswordConnect(infra, { externalSecrets: ref(eso) });
  const rook = rookComponents(infra);
  const tenants = objectStorageTenants(infra, { consumers, objectStore: ref(rook.cluster, "storage"), secretStore: secretStoreRef(connect), ...props });
  return { tenants, components: [eso, connect, rook.snapshots, rook.operator, rook.cluster, tenants] };
}

export function renderInfra(props: Partial<ObjectStorageTenantsProps> = {}): GeneratedFile[] {
  return renderWithShared("infra", infraComponents(props).components);
}

export function renderApps(tenants: ObjectStorageTenants = infraComponents().tenants): GeneratedFile[] {
  return renderWithShared("apps", [remoteObjectStore(apps, tenants.endpoints.s3)]);
}

/** The files of one component (its ks.yaml and stage folders). */
export const filesOf = (files: readonly GeneratedFile[], component: string) => files.filter((f) => f.path.includes(`/${component}/`));

export const docsOf = (files: readonly GeneratedFile[]) => documentsOf(files).map(({ doc }) => doc);
export const ofKind = (files: readonly GeneratedFile[], kind: string) => docsOf(files).filter((d) => d.kind === kind);
