import { cloudnativePg, chart as cnpgChart, sharedPostgres } from "@k8s-gitops/components/cloudnative-pg";
import { secretStoreRef } from "@k8s-gitops/components/external-secrets";
import { keycloak } from "@k8s-gitops/components/keycloak";
import { assertProvided, collectNeeds, collectProvided, databaseNeed, type Needs } from "@k8s-gitops/components/needs";
import { defineCluster, ref, type Cluster, type ClusterContext } from "@k8s-gitops/core";
import { platform, platformBootstrap } from "./platform.js";
import { storage } from "./storage.js";

/** What the infra cluster offers the apps cluster (typed, so consumers follow any change). */
export interface InfraExports {
  readonly postgres: ReturnType<typeof sharedPostgres>;
  readonly keycloak: ReturnType<typeof keycloak>;
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
  const base = platform(context);
  const disks = storage(context, base);
  const secretStore = secretStoreRef(base.onePasswordConnect);
  const cnpg = cloudnativePg(context, { certManager: ref(base.certManager, "app") });
  // Keycloak's own database is declared here because the database must exist before Keycloak does;
  // assertProvided below fails if Keycloak ever asks for another one.
  const keycloakDatabase = databaseNeed({ consumer: "Keycloak", database: "keycloak", owner: "keycloak" });
  const needs = collectNeeds({ databases: [keycloakDatabase], buckets: [], oidcClients: [] }, ...consumerNeeds);
  const postgres = sharedPostgres(context, {
    databases: needs.databases.map((d) => ({ name: d.database, owner: d.owner })),
    operator: ref(cnpg),
    dependsOn: [secretStore, ref(disks.openebs), ref(disks.rookCephCluster, "storage")],
  });
  const identity = keycloak(context, { postgres, oidcClients: needs.oidcClients, gateway: ref(base.cilium, "gateway"), secretStore });
  assertProvided(collectNeeds(needs, identity.needs), collectProvided(postgres, identity));

  const cluster = defineCluster(context, () => ({
    components: [...Object.values(base), ...Object.values(disks), cnpg, postgres, identity],
    bootstrap: platformBootstrap(context, base, [
      { name: "cloudnative-pg", namespace: cnpg.namespace, chart: cnpgChart, values: { crds: { create: true } } },
    ]),
  }));
  return { ...cluster, exports: { postgres, keycloak: identity } };
}
