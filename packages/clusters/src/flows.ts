import { actionsRunnerControllerFlows } from "@k8s-gitops/components/actions-runner-controller";
import { certManagerFlows } from "@k8s-gitops/components/cert-manager";
import { ciliumFlows, clustermeshApiserverExemption, gatewayHostname } from "@k8s-gitops/components/cilium";
import { cnpgFlows, cnpgOperator, poolerPods, postgresBackupFlows, postgresClientFlow, postgresClusterFlows, postgresInstances, postgresNames } from "@k8s-gitops/components/cloudnative-pg";
import type { GlobalServiceRef } from "@k8s-gitops/components/clustermesh";
import { corednsFlows } from "@k8s-gitops/components/coredns";
import { dragonflyFlows, dragonflyOperatorPods, dragonflyPods, dragonflyPort } from "@k8s-gitops/components/dragonfly";
import { externalDnsFlows } from "@k8s-gitops/components/external-dns";
import { externalSecretsController, externalSecretsFlows, onePasswordConnectPods, onePasswordConnectScrape, onePasswordFlows } from "@k8s-gitops/components/external-secrets";
import { fluentBitFlows, fluentBitPods } from "@k8s-gitops/components/fluent-bit";
import { fluxInstanceFlows, fluxOperatorFlows } from "@k8s-gitops/components/flux";
import { gitlabInternalFlows, gitlabPods, gitlabRegistryPort, workhorsePort } from "@k8s-gitops/components/gitlab";
import { gitlabRunnerFlows } from "@k8s-gitops/components/gitlab-runner";
import { grafanaPods, grafanaPort, grafanaScrapeFlows } from "@k8s-gitops/components/grafana";
import { harborHttpPort, harborInternalFlows, harborPods } from "@k8s-gitops/components/harbor";
import { keycloakClusterFlows, keycloakHttpPort, keycloakManagementPort, keycloakPods } from "@k8s-gitops/components/keycloak";
import { metricsServerFlows } from "@k8s-gitops/components/metrics-server";
import { flow, networkFlows, type Flow, type FlowContext } from "@k8s-gitops/components/network-flows";
import { offsiteCopyFlows } from "@k8s-gitops/components/object-storage";
import { reloaderFlows } from "@k8s-gitops/components/reloader";
import { dashboardPort, mgrPods, rgwPodPort, rgwPods, rookCephFlows } from "@k8s-gitops/components/rook-ceph";
import { snapshotControllerFlows } from "@k8s-gitops/components/snapshot-controller";
import { spegelFlows } from "@k8s-gitops/components/spegel";
import { kafkaClusterFlows, strimziOperatorPods } from "@k8s-gitops/components/strimzi";
import { tenantFlows, type TenantComponent } from "@k8s-gitops/components/tenant";
import { victoriaLogsFlows, victoriaLogsPort, victoriaLogsServer } from "@k8s-gitops/components/victoria-logs";
import { vmagentScrapeFlows, vmOperatorFlows, vmStackFlows, vmWorkload, vmsinglePort } from "@k8s-gitops/components/victoria-metrics";
import { isModelResource, ref, stageObjects, UserError, type Cluster, type Component } from "@k8s-gitops/core";
import type { InfraExports } from "./infra.js";

function find(cluster: Cluster, name: string): Component {
  const found = cluster.components.find((c) => c.name === name);
  if (!found) throw new UserError(`network flows: cluster ${cluster.name} has no component ${JSON.stringify(name)} (a flow names it)`);
  return found;
}

function has(cluster: Cluster, name: string): boolean {
  return cluster.components.some((c) => c.name === name);
}

const https = 443;

/** The VMAgent that scrapes `cluster`. */
function scraperOf(cluster: Cluster) {
  return vmWorkload(cluster.name, find(cluster, "vmagent").namespace, "vmagent", "vmagent");
}

/** The context of one component's flows: its cluster and namespace, and the cluster's VMAgent. */
function context(cluster: Cluster, component: string): FlowContext {
  return { cluster: cluster.name, namespace: find(cluster, component).namespace, scraper: scraperOf(cluster) };
}

/** The flows every cluster of the estate has: kube-system, secrets, GitOps, logs and metrics shipping, the Ceph dashboard route, each chart's own flows and scrapes. */
function platformFlows(cluster: Cluster, exports: InfraExports): Flow[] {
  const c = cluster.name;
  const ctx = (name: string) => context(cluster, name);
  const logs: GlobalServiceRef = exports.observability.logs;
  const metrics: GlobalServiceRef = exports.observability.remoteWrite;
  const agent = scraperOf(cluster);
  const rook = find(cluster, "rook-ceph-cluster");
  const fluxInstance = find(cluster, "flux-instance");
  return [
    ...corednsFlows(ctx("coredns")),
    ...ciliumFlows(ctx("cilium")),
    ...metricsServerFlows(ctx("metrics-server")),
    ...spegelFlows(ctx("spegel")),
    ...reloaderFlows(ctx("reloader")),
    ...snapshotControllerFlows(ctx("snapshot-controller")),
    ...certManagerFlows(ctx("cert-manager")),
    ...externalSecretsFlows(ctx("external-secrets")),
    ...onePasswordFlows(externalSecretsController(c, find(cluster, "external-secrets").namespace), onePasswordConnectPods(c, find(cluster, "onepassword-connect").namespace)),
    onePasswordConnectScrape(ctx("onepassword-connect")),
    ...fluxOperatorFlows(ctx("flux-operator")),
    ...fluxInstanceFlows(ctx("flux-instance"), fluxComponents(fluxInstance)),
    ...vmOperatorFlows(ctx("victoria-metrics-operator")),
    ...vmagentScrapeFlows(ctx("vmagent")),
    ...fluentBitFlows(ctx("fluent-bit")),
    flow("fluent-bit", fluentBitPods(c, find(cluster, "fluent-bit").namespace), victoriaLogsServer(logs.cluster, logs.namespace), [victoriaLogsPort], "Fluent Bit ships logs to VictoriaLogs", logs.name),
    flow(
      "vmagent",
      agent,
      vmWorkload(metrics.cluster, metrics.namespace, "vmsingle", "victoria-metrics"),
      // The L7 path is the reference's own path, so moving the write API moves the rule with it.
      [{ port: metrics.port, http: [{ method: "POST", path: metrics.path ?? "/" }] }],
      "VMAgent remote-writes to VictoriaMetrics (only the write API)",
      metrics.name,
    ),
    ...rookCephFlows(ctx("rook-ceph-cluster"), ["ceph-objectstore"]),
    flow("rook-ceph-cluster", { entity: "ingress", cluster: c }, mgrPods(c, rook.namespace), [dashboardPort], `the Gateway routes ${gatewayHostname({ inventory: cluster.inventory, inventories: [cluster.inventory] }, "internal", "ceph")} to the Ceph dashboard`, "rook-ceph-mgr-dashboard"),
    ...externalDnsFlows(ctx("external-dns")),
  ];
}

/** The controllers a FluxInstance deploys: `instance.components` of the flux-instance HelmRelease's values, as the component renders them (cluster overrides included). */
function fluxComponents(instance: Component): string[] {
  for (const resource of instance.stages.flatMap((stage) => stageObjects(stage))) {
    if (resource.kind !== "HelmRelease") continue;
    const body = (isModelResource(resource) ? resource.toJSON() : resource) as { spec?: { values?: { instance?: { components?: unknown } } } };
    const components = body.spec?.values?.instance?.components;
    if (Array.isArray(components)) return components.map(String);
  }
  throw new UserError(`network flows: component ${instance.name} renders no HelmRelease with values.instance.components`);
}

/** The infra cluster's own flows: the observability hub, Keycloak and its database, Postgres backups to the object store. */
function infraFlows(cluster: Cluster, exports: InfraExports): Flow[] {
  const c = cluster.name;
  const pg = find(cluster, "postgres-shared");
  const instances = postgresInstances(c, pg.namespace, pg.name);
  const kc = find(cluster, "keycloak");
  const keycloak = keycloakPods(c, kc.namespace);
  const obs = find(cluster, "victoria-metrics").namespace;
  const vmsingle = vmWorkload(c, obs, "vmsingle", "victoria-metrics");
  const grafana = grafanaPods(c, find(cluster, "grafana").namespace);
  const rook = find(cluster, "rook-ceph-cluster").namespace;
  const logs = victoriaLogsServer(c, find(cluster, "victoria-logs").namespace);
  const agent = vmWorkload(c, find(cluster, "vmagent").namespace, "vmagent", "vmagent");
  return [
    ...cnpgFlows(cnpgOperator(c, find(cluster, "cloudnative-pg").namespace), instances, agent),
    ...postgresClusterFlows("postgres-shared", instances, [poolerPods(c, pg.namespace, postgresNames(pg.name).pooler)], agent),
    ...keycloakClusterFlows(keycloak),
    ...victoriaLogsFlows(context(cluster, "victoria-logs")),
    ...grafanaScrapeFlows(context(cluster, "grafana")),
    postgresClientFlow("keycloak", keycloak, instances, exports.postgres.endpoints.rw.service),
    flow("postgres-shared", instances, rgwPods(c, rook, "ceph-objectstore"), [rgwPodPort], "barman-cloud WAL archive and base backups to the Ceph object store", "rook-ceph-rgw-ceph-objectstore"),
    ...postgresBackupFlows(
      c,
      pg.namespace,
      pg.name,
      cnpgOperator(c, find(cluster, "cloudnative-pg").namespace),
      { pods: rgwPods(c, rook, "ceph-objectstore"), port: rgwPodPort, service: "rook-ceph-rgw-ceph-objectstore" },
      cluster.inventory.external.offsiteBackup !== undefined,
    ),
    ...offsiteCopyFlows(c, find(cluster, "object-storage-tenants"), { pods: rgwPods(c, rook, "ceph-objectstore"), port: rgwPodPort, service: "rook-ceph-rgw-ceph-objectstore" }),
    flow("keycloak", { entity: "ingress", cluster: c }, keycloak, [keycloakHttpPort], "the Gateway routes the Keycloak hostname to its HTTP port", "keycloak-service"),
    flow("keycloak", agent, keycloak, [{ port: keycloakManagementPort, http: [{ method: "GET", path: "/metrics" }] }], "VMAgent scrapes Keycloak's metrics (only GET /metrics on the management port)"),
    ...vmStackFlows(vmsingle, vmWorkload(c, obs, "vmalert", "vmalert"), vmWorkload(c, obs, "vmalertmanager", "alertmanager"), agent),
    flow("grafana", grafana, vmsingle, [vmsinglePort], "Grafana's metrics datasource", "vmsingle-victoria-metrics"),
    flow("grafana", grafana, logs, [victoriaLogsPort], "Grafana's logs datasource", "victoria-logs"),
    flow("grafana", { entity: "ingress", cluster: c }, grafana, [grafanaPort], "the Gateway routes the Grafana hostname", "grafana"),
    flow("grafana", grafana, { entity: "world", cluster: c }, [https], "OIDC discovery and token calls to Keycloak's public issuer URL"),
  ];
}

/** The apps cluster's workloads: GitLab and Harbor reach the shared Postgres and the object store on infra across ClusterMesh. */
function appsFlows(cluster: Cluster, exports: InfraExports): Flow[] {
  const c = cluster.name;
  const db = exports.postgres.endpoints.global?.rw;
  if (!db) throw new UserError("network flows: the shared Postgres has no global rw service");
  const pg = postgresInstances(db.cluster, db.namespace, exports.postgres.name);
  const s3 = exports.objectStore;
  const rgw = rgwPods(s3.cluster, s3.namespace, "ceph-objectstore");
  const agent = scraperOf(cluster);
  const operator = dragonflyOperatorPods(c, find(cluster, "dragonfly-operator").namespace);
  const flows: Flow[] = [];
  if (has(cluster, "gitlab-runner")) flows.push(...gitlabRunnerFlows(context(cluster, "gitlab-runner")));
  if (has(cluster, "actions-runner-controller")) flows.push(...actionsRunnerControllerFlows(context(cluster, "actions-runner-controller")));
  if (has(cluster, "events")) flows.push(...kafkaClusterFlows(context(cluster, "events"), "events", strimziOperatorPods(c, find(cluster, "strimzi-operator").namespace)));
  if (has(cluster, "gitlab")) {
    const ns = find(cluster, "gitlab").namespace;
    const rails = (["webservice", "sidekiq", "migrations", "toolbox"] as const).map((app) => gitlabPods(c, ns, app));
    const exporter = gitlabPods(c, ns, "gitlab-exporter");
    const cache = dragonflyPods(c, ns, "gitlab-dragonfly");
    flows.push(
      ...[...rails, exporter].map((w) => postgresClientFlow("gitlab", w, pg, db.name)),
      ...[...rails, gitlabPods(c, ns, "registry")].map((w) => flow("gitlab", w, rgw, [rgwPodPort], "GitLab object storage (artifacts, uploads, registry blobs)", s3.name)),
      ...[...rails, exporter].map((w) => flow("gitlab", w, cache, [dragonflyPort], "GitLab's Redis (Dragonfly cache)", "gitlab-dragonfly")),
      ...gitlabInternalFlows(context(cluster, "gitlab")),
      ...dragonflyFlows("gitlab", cache, operator, agent),
      flow("gitlab", { entity: "ingress", cluster: c }, gitlabPods(c, ns, "webservice"), [workhorsePort], "the Gateway routes the GitLab hostname to Workhorse", "gitlab-webservice-default"),
      flow("gitlab", { entity: "ingress", cluster: c }, gitlabPods(c, ns, "registry"), [gitlabRegistryPort], "the Gateway routes the registry hostname", "gitlab-registry"),
      ...rails.slice(0, 2).map((w) => flow("gitlab", w, { entity: "world", cluster: c }, [https], "OIDC with Keycloak's public issuer URL, webhooks, mirrors")),
    );
  }
  if (has(cluster, "harbor")) {
    const ns = find(cluster, "harbor").namespace;
    const clients = (["core", "jobservice", "exporter"] as const).map((component) => harborPods(c, ns, component));
    const registry = harborPods(c, ns, "registry");
    const cache = dragonflyPods(c, ns, "harbor-dragonfly");
    flows.push(
      ...clients.map((w) => postgresClientFlow("harbor", w, pg, db.name)),
      flow("harbor", registry, rgw, [rgwPodPort], "Harbor's registry storage (S3)", s3.name),
      ...[...clients, registry, harborPods(c, ns, "trivy")].map((w) => flow("harbor", w, cache, [dragonflyPort], "Harbor's Redis (Dragonfly cache)", "harbor-dragonfly")),
      ...harborInternalFlows(context(cluster, "harbor")),
      ...dragonflyFlows("harbor", cache, operator, agent),
      flow("harbor", { entity: "ingress", cluster: c }, harborPods(c, ns, "core"), [harborHttpPort], "the Gateway routes the Harbor API", "harbor-core"),
      flow("harbor", { entity: "ingress", cluster: c }, harborPods(c, ns, "portal"), [harborHttpPort], "the Gateway routes the Harbor UI", "harbor-portal"),
      flow("harbor", harborPods(c, ns, "core"), { entity: "world", cluster: c }, [https], "OIDC with Keycloak's public issuer URL, replication from upstream registries"),
    );
  }
  for (const component of cluster.components) {
    if (isTenant(component)) flows.push(...tenantFlows(c, component).flows);
  }
  return flows;
}

function isTenant(component: Component): component is TenantComponent {
  return "tenant" in component;
}

/** Tenant allowances the flows cannot express least-privilege (no ports), for the report and the docs. */
export function openTenantAllowances(cluster: Cluster): string[] {
  return cluster.components.filter(isTenant).flatMap((t) => tenantFlows(cluster.name, t).open);
}

/**
 * Every declared flow of the estate, computed from the typed references the cluster definitions
 * wire (endpoints, global services, routes) and the flows each chart needs across namespaces.
 * Both ends of a cross-cluster flow come from the same reference, so the egress rule on one
 * cluster and the ingress rule on the other cannot disagree.
 */
export function estateFlows(infra: Cluster, apps: Cluster, exports: InfraExports): Flow[] {
  return [...platformFlows(infra, exports), ...infraFlows(infra, exports), ...platformFlows(apps, exports), ...appsFlows(apps, exports)];
}


/**
 * The cluster with one `flows-<namespace>` component per namespace its components create (the
 * default deny plus the allow policies of `flows` that end on this cluster). The cluster keeps
 * its other fields; the flows travel along for the docs and the flow test.
 */
export function withNetworkFlows<C extends Cluster>(cluster: C, flows: readonly Flow[]): C & { readonly flows: readonly Flow[] } {
  const cilium = find(cluster, "cilium");
  const components = networkFlows({
    cluster: cluster.name,
    namespaces: cluster.components.map((c) => c.namespace),
    exempt: [{ namespace: cilium.namespace, ...clustermeshApiserverExemption }],
    flows,
    cilium: ref(cilium as Component<"app">, "app"),
  });
  return { ...cluster, components: [...cluster.components, ...components], flows };
}
