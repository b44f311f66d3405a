import { documentsOfKind, helmReleaseValues, renderedDocuments } from "@k8s-gitops/core/testing";
import { ref, renderCluster, stageObjects, type ClusterContext, type GeneratedFile } from "@k8s-gitops/core";
import { fixtureContext } from "@k8s-gitops/core/testing";
import { sharedPostgres } from "../cloudnative-pg/index.js";
import { globalServiceRef, type GlobalServiceRef } from "../clustermesh/index.js";
import { dragonflyOperator } from "../dragonfly/index.js";
import { keycloak } from "../keycloak/index.js";
import { gitlab, type GitlabComponent, type GitlabProps } from "./index.js";

export const infra = fixtureContext("infra");
export const apps = fixtureContext("apps");

/** What infra exports, built with the real builders: the refs GitLab takes are theirs. */
export const infraPostgres = sharedPostgres(infra, {
  databases: [{ name: "gitlabhq_production", owner: "gitlab" }],
  operator: { name: "cloudnative-pg", namespace: "cnpg-system" },
});
export const infraKeycloak = keycloak(infra);
export const postgresRef: GlobalServiceRef = infraPostgres.endpoints.global!.rw;
/** Rook exports no global RGW Service yet; a distinct name keeps it apart from apps' own RGW Service. */
export const rgwRef: GlobalServiceRef = globalServiceRef(infra, { namespace: "rook-ceph", name: "rook-ceph-rgw-global", port: 80 });

export const dragonflyOperatorComponent = dragonflyOperator(apps);

export const releaseValues = (files: readonly GeneratedFile[]): any => helmReleaseValues(files, "gitlab");
export const documents = renderedDocuments;
export const ofKind = documentsOfKind;

export function gitlabProps(overrides: Partial<GitlabProps> = {}): GitlabProps {
  return {
    database: { endpoint: postgresRef, secretItem: "postgres-shared-gitlab" },
    objectStorage: { endpoint: rgwRef, credentialsItem: "gitlab-s3" },
    oidc: { issuerUrl: infraKeycloak.issuerUrl, secretItem: "gitlab-oidc" },
    redis: { dragonfly: { operator: ref(dragonflyOperatorComponent) } },
    ...overrides,
  };
}

export function build(overrides: Partial<GitlabProps> = {}, context: ClusterContext = apps): GitlabComponent {
  return gitlab(context, gitlabProps(overrides));
}

export function renderApps(component: GitlabComponent = build()): GeneratedFile[] {
  return renderCluster({ name: "apps", components: [dragonflyOperatorComponent, component] });
}

/** JSON of a component's resources by kind, without rendering. */
export function resourcesOf(component: GitlabComponent): Record<string, any[]> {
  const byKind: Record<string, any[]> = {};
  for (const resource of component.stages.flatMap(stageObjects)) {
    const json = JSON.parse(JSON.stringify(resource));
    byKind[json.kind] = [...(byKind[json.kind] ?? []), json];
  }
  return byKind;
}
