import { remotePostgres } from "@k8s-gitops/components/cloudnative-pg";
import { dragonflyOperator } from "@k8s-gitops/components/dragonfly";
import { actionsRunnerController } from "@k8s-gitops/components/actions-runner-controller";
import { externalDns } from "@k8s-gitops/components/external-dns";
import { secretStoreRef } from "@k8s-gitops/components/external-secrets";
import { gitlab, gitlabNeeds } from "@k8s-gitops/components/gitlab";
import { gitlabRunner } from "@k8s-gitops/components/gitlab-runner";
import { harbor, harborNeeds } from "@k8s-gitops/components/harbor";
import { collectNeeds, type Needs } from "@k8s-gitops/components/needs";
import { assertOnePolicyOwnerPerNamespace } from "@k8s-gitops/components/network-policies";
import { remoteObjectStore } from "@k8s-gitops/components/object-storage";
import { kafkaCluster, strimziOperator } from "@k8s-gitops/components/strimzi";
import { exampleTenants } from "@k8s-gitops/components/tenant";
import { operatorCrds as vmOperatorCrds } from "@k8s-gitops/components/victoria-metrics";
import { defineCluster, ref, UserError, type Cluster, type ClusterContext, type Ref } from "@k8s-gitops/core";
import type { InfraExports } from "./infra.js";
import { observabilityAgents } from "@k8s-gitops/platform";
import { platform, platformBootstrap } from "@k8s-gitops/platform";
import { policyAuditMode } from "./audit.js";
import { storage } from "@k8s-gitops/platform";

/**
 * 1Password items of the apps workloads, named once: the same names feed the needs infra
 * provisions and the ExternalSecrets the workloads read.
 */
export const appsSecrets = {
  gitlab: { oidc: "gitlab-oidc", s3: "gitlab-s3", database: "postgres-shared-gitlab" },
  harbor: { oidc: "harbor-oidc", s3: "harbor-s3", database: "postgres-shared-harbor" },
} as const;

/**
 * What the apps workloads need from infra (databases, buckets, OIDC clients), computed before
 * infra is built so infra can provision exactly that. `appsCluster` checks the built workloads
 * still ask for the same.
 */
export function appsNeeds(context: ClusterContext): Needs[] {
  return [
    gitlabNeeds(context, { oidc: { secretItem: appsSecrets.gitlab.oidc } }),
    harborNeeds(context, { oidc: { secretItem: appsSecrets.harbor.oidc } }),
  ];
}

function sameNeeds(declared: readonly Needs[], built: readonly Needs[]): void {
  const a = JSON.stringify(collectNeeds(...declared));
  const b = JSON.stringify(collectNeeds(...built));
  if (a !== b) throw new UserError(`apps cluster: the workloads' needs changed without appsNeeds() following:\n  declared ${a}\n  built    ${b}`);
}

/** The apps cluster: GitLab, runners, Harbor, Kafka and the tenants; databases and identity come from infra. */
export function appsCluster(context: ClusterContext, infra: InfraExports): Cluster {
  const base = platform(context, { policyAuditMode: policyAuditMode[context.inventory.cluster.name] ?? false });
  const disks = storage(context, base);
  const secretStore = secretStoreRef(base.onePasswordConnect);
  const gateway: Ref = ref(base.cilium, "gateway");
  const dragonflyOp = dragonflyOperator(context);
  const postgres = remotePostgres(context, infra.postgres);
  const objectStore = remoteObjectStore(context, infra.objectStore);
  const globalDb = infra.postgres.endpoints.global;
  if (!globalDb) throw new UserError("apps cluster: the shared Postgres on infra must be built with globalService: true");
  const code = gitlab(context, {
    database: { endpoint: globalDb.rw, secretItem: appsSecrets.gitlab.database },
    objectStorage: { endpoint: objectStore.endpoints.s3, credentialsItem: appsSecrets.gitlab.s3 },
    oidc: { issuerUrl: infra.keycloak.issuerUrl, secretItem: appsSecrets.gitlab.oidc },
    redis: { dragonfly: { operator: ref(dragonflyOp) } },
    secretStore,
    gateway,
    dependsOn: [ref(postgres), ref(objectStore), ref(disks.rookCephCluster, "storage")],
  });
  const registry = harbor(context, {
    database: { endpoint: globalDb.rw, secretItem: appsSecrets.harbor.database },
    objectStorage: { endpoint: objectStore.endpoints.s3, credentialsItem: appsSecrets.harbor.s3 },
    oidc: { issuerUrl: infra.keycloak.issuerUrl, secretItem: appsSecrets.harbor.oidc },
    cache: { operator: ref(dragonflyOp) },
    secretStore,
    gateway,
    dependsOn: [ref(postgres), ref(objectStore), ref(disks.rookCephCluster, "storage")],
  });
  sameNeeds(appsNeeds(context), [code.needs, registry.needs]);
  const strimzi = strimziOperator(context);
  const workloads = [
    externalDns(context, { secretStore }),
    ...Object.values(observabilityAgents(context, infra.observability)),
    dragonflyOp,
    postgres,
    objectStore,
    code,
    registry,
    gitlabRunner(context, { gitlabUrl: code.url, secretStore }),
    actionsRunnerController(context, { secretStore, storage: ref(disks.openebs) }),
    strimzi,
    kafkaCluster(context, { name: "events", operator: ref(strimzi), storage: ref(disks.rookCephCluster, "storage") }),
    ...exampleTenants(context),
  ];
  const components = [...Object.values(base), ...Object.values(disks), ...workloads];
  assertOnePolicyOwnerPerNamespace(components, context.inventory.cluster.name);
  return defineCluster(context, () => ({ components, bootstrap: platformBootstrap(context, base, [vmOperatorCrds]) }));
}
