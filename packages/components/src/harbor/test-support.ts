import { documentsOfKind, helmReleaseValues, renderedDocuments } from "@k8s-gitops/core/testing";
import { ref, renderCluster, type ClusterContext, type GeneratedFile } from "@k8s-gitops/core";
import { fixtureContext } from "@k8s-gitops/core/testing";
import { sharedPostgres } from "../cloudnative-pg/index.js";
import { globalServiceRef, type GlobalServiceRef } from "../clustermesh/index.js";
import { dragonflyOperator } from "../dragonfly/index.js";
import { keycloak } from "../keycloak/index.js";
import { harbor, type HarborComponent, type HarborProps } from "./index.js";

export const infra = fixtureContext("infra");
export const apps = fixtureContext("apps");

/** What infra exports, built with the real builders: the refs Harbor takes are theirs. */
export const infraPostgres = sharedPostgres(infra, {
  databases: [{ name: "harbor", owner: "harbor" }],
  operator: { name: "cloudnative-pg", namespace: "cnpg-system" },
});
export const infraKeycloak = keycloak(infra);
export const postgresRef: GlobalServiceRef = infraPostgres.endpoints.global!.rw;
export const postgresItem: string = infraPostgres.endpoints.databases.harbor!.item;
/** Rook exports no global RGW Service yet; a distinct name keeps it apart from apps' own RGW Service. */
export const rgwRef: GlobalServiceRef = globalServiceRef(infra, { namespace: "rook-ceph", name: "rook-ceph-rgw-global", port: 80 });

export const dragonflyOperatorComponent = dragonflyOperator(apps);

export const releaseValues = (files: readonly GeneratedFile[]): any => helmReleaseValues(files, "harbor");
export const documents = renderedDocuments;
export const ofKind = documentsOfKind;

export function harborProps(overrides: Partial<HarborProps> = {}): HarborProps {
  return {
    database: { endpoint: postgresRef, secretItem: postgresItem },
    objectStorage: { endpoint: rgwRef, credentialsItem: "harbor-s3" },
    oidc: { issuerUrl: infraKeycloak.issuerUrl, secretItem: "harbor-oidc" },
    cache: { operator: ref(dragonflyOperatorComponent) },
    ...overrides,
  };
}

export function build(overrides: Partial<HarborProps> = {}, context: ClusterContext = apps): HarborComponent {
  return harbor(context, harborProps(overrides));
}

export function renderApps(component: HarborComponent = build()): GeneratedFile[] {
  return renderCluster({ name: "apps", components: [dragonflyOperatorComponent, component] });
}

/** The ExternalSecret writing the Secret `name`, as rendered. */
export function externalSecretFor(files: readonly GeneratedFile[], name: string): any {
  const found = ofKind(files, "ExternalSecret").find((e) => e.spec.target.name === name);
  if (!found) throw new Error(`no ExternalSecret writes Secret ${name}`);
  return found;
}

/** The keys of the Secret an ExternalSecret writes: the template's when it has one, else the fetched ones. */
export function secretKeysOf(externalSecret: any): string[] {
  const template = externalSecret.spec.target.template?.data;
  return template ? Object.keys(template) : externalSecret.spec.data.map((d: { secretKey: string }) => d.secretKey);
}

/**
 * The CONFIG_OVERWRITE_JSON External Secrets would write for a client secret: the template's one
 * expression replaced the way `toJson` renders a string.
 */
export function renderConfigOverwrite(template: string, clientSecret: string): any {
  return JSON.parse(template.replace("{{ .client_secret | toJson }}", JSON.stringify(clientSecret)));
}
