import { cloudnativePg, chart as cnpgChart, sharedPostgres } from "@k8s-gitops/components/cloudnative-pg";
import type { GlobalServiceRef } from "@k8s-gitops/components/clustermesh";
import { externalDns } from "@k8s-gitops/components/external-dns";
import { secretStoreRef, sharedPushStore } from "@k8s-gitops/components/external-secrets";
import { consumersFromNeeds, objectStorageTenants } from "@k8s-gitops/components/object-storage";
import { bucketCopyMonitoring } from "@k8s-gitops/components/offsite-backup";
import { keycloak } from "@k8s-gitops/components/keycloak";
import { assertProvided, collectNeeds, collectProvided, databaseNeed, type Needs } from "@k8s-gitops/components/needs";
import { operatorCrds as vmOperatorCrds } from "@k8s-gitops/components/victoria-metrics";
import { defineCluster, ref, type Cluster, type ClusterContext } from "@k8s-gitops/core";
import { estateMonitoring } from "@k8s-gitops/platform";
import { grafanaOidcNeed, observabilityHub, type ObservabilityTargets } from "@k8s-gitops/platform";
import { platform, platformBootstrap } from "@k8s-gitops/platform";
import { policyAuditMode } from "./audit.js";
import { storage } from "@k8s-gitops/platform";

/** What the infra cluster offers the apps cluster (typed, so consumers follow any change). */
export interface InfraExports {
  readonly postgres: ReturnType<typeof sharedPostgres>;
  readonly keycloak: ReturnType<typeof keycloak>;
  /** The Ceph RGW S3 endpoint as a ClusterMesh global service. */
  readonly objectStore: GlobalServiceRef;
  /** Where the other clusters ship metrics and logs. */
  readonly observability: ObservabilityTargets;
}

export interface InfraCluster extends Cluster {
  readonly exports: InfraExports;
}

/**
 * The infra cluster: platform services (storage, databases, observability, identity).
 * `consumerNeeds` are the databases, buckets and OIDC clients the workloads of other clusters
 * need from it; every one must be provisioned here, or the build fails.
 */
export function infraCluster(context: ClusterContext, consumerNeeds: readonly Needs[] = []): InfraCluster {
  const base = platform(context, { policyAuditMode: policyAuditMode[context.inventory.cluster.name] ?? false });
  const disks = storage(context, base);
  const secretStore = secretStoreRef(base.onePasswordConnect);
  const cnpg = cloudnativePg(context, { certManager: ref(base.certManager, "app") });
  // Keycloak's own database is declared here because the database must exist before Keycloak does;
  // assertProvided below fails if Keycloak ever asks for another one.
  const keycloakDatabase = databaseNeed({ consumer: "Keycloak", database: "keycloak", owner: "keycloak" });
  const grafanaClient = grafanaOidcNeed(context);
  const needs = collectNeeds({ databases: [keycloakDatabase], buckets: [], oidcClients: [grafanaClient] }, ...consumerNeeds);
  const postgres = sharedPostgres(context, {
    databases: needs.databases.map((d) => ({ name: d.database, owner: d.owner })),
    operator: ref(cnpg),
    dependsOn: [secretStore, ref(disks.openebs), ref(disks.rookCephCluster, "storage")],
  });
  const objectStorage = objectStorageTenants(context, {
    consumers: consumersFromNeeds(needs, { user: (c) => c.toLowerCase(), credentialsItem: (c) => `${c.toLowerCase()}-s3` }),
    objectStore: ref(disks.rookCephCluster, "storage"),
    secretStore,
    pushStore: sharedPushStore,
  });
  const identity = keycloak(context, { postgres, oidcClients: needs.oidcClients, gateway: ref(base.cilium, "gateway"), secretStore });
  assertProvided(collectNeeds(needs, identity.needs), collectProvided(postgres, objectStorage, identity));
  const observability = observabilityHub(
    context,
    { storage: ref(disks.rookCephCluster, "storage"), secretStore },
    { issuerUrl: identity.issuerUrl, need: grafanaClient },
    [
      ...estateMonitoring(),
      ...(objectStorage.offsiteCopies.length > 0 ? [bucketCopyMonitoring(objectStorage.name, objectStorage.namespace, objectStorage.offsiteCopies)] : []),
    ],
  );

  const cluster = defineCluster(context, () => ({
    components: [...Object.values(base), ...Object.values(disks), externalDns(context, { secretStore }), cnpg, postgres, objectStorage, identity, ...Object.values(observability)],
    bootstrap: platformBootstrap(context, base, [
      vmOperatorCrds,
      { name: "cloudnative-pg", namespace: cnpg.namespace, chart: cnpgChart, values: { crds: { create: true } } },
    ]),
  }));
  const targets = { remoteWrite: observability.victoriaMetrics.endpoints.remoteWrite, logs: observability.victoriaLogs.endpoints.insert };
  return { ...cluster, exports: { postgres, keycloak: identity, objectStore: objectStorage.endpoints.s3, observability: targets } };
}
