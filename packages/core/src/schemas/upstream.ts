/**
 * Where every file of the schema root comes from upstream. `k8s-gitops fetch schemas` downloads these into
 * the cache; the validators read the same relative paths. Keep this list in step with
 * `../shared/schemas/README.md` (a test checks that every shared file has an entry here).
 */

/** Top-level folders of the schema root; `k8s-gitops fetch schemas --only` takes these names. */
export type SchemaSet = "kubernetes" | "crds-catalog" | "crds" | "talos" | "helm";

export const schemaSets: readonly SchemaSet[] = ["kubernetes", "crds-catalog", "crds", "talos", "helm"];

/** One file to download. */
export interface UpstreamFile {
  readonly set: SchemaSet;
  /** Path relative to the schema root, forward slashes. */
  readonly path: string;
  readonly url: string;
  /** When set, `url` is a gzipped tarball (a packaged Helm chart) and the file is this member of it. */
  readonly archiveMember?: string;
}

/** The Kubernetes version whose schemas kubeconform would use with `-kubernetes-version <this version>`. */
// renovate: datasource=github-releases depName=kubernetes/kubernetes extractVersion=^v(?<version>.+)$
export const kubernetesVersion = "1.34.1";
export const kubernetesStrictDir = `kubernetes/v${kubernetesVersion}-standalone-strict`;
/** Non-standalone folder: the only place with a CustomResourceDefinition schema (plus `_definitions.json`). */
export const kubernetesRefDir = `kubernetes/v${kubernetesVersion}`;
export const crdsCatalogDir = "crds-catalog";
// renovate: datasource=github-releases depName=fluxcd/flux2
export const fluxCrdDir = "crds/flux/v2.9.4";
// renovate: datasource=github-releases depName=controlplaneio-fluxcd/flux-operator
export const fluxOperatorCrdDir = "crds/flux-operator/v0.58.1";

const raw = "https://raw.githubusercontent.com";

// yannh/kubernetes-json-schema publishes its generated folders on the `master` branch, so `master` in
// these URLs is the branch that holds the published files, not the Kubernetes `master` schema version.
const kubernetesBase = `${raw}/yannh/kubernetes-json-schema/master`;
const kubernetesStrictFiles = [
  "clusterrole-rbac-v1",
  "clusterrolebinding-rbac-v1",
  "configmap-v1",
  "cronjob-batch-v1",
  "daemonset-apps-v1",
  "deployment-apps-v1",
  "horizontalpodautoscaler-autoscaling-v2",
  "ingress-networking-v1",
  "job-batch-v1",
  "namespace-v1",
  "networkpolicy-networking-v1",
  "persistentvolumeclaim-v1",
  "poddisruptionbudget-policy-v1",
  "priorityclass-scheduling-v1",
  "role-rbac-v1",
  "rolebinding-rbac-v1",
  "secret-v1",
  "service-v1",
  "serviceaccount-v1",
  "statefulset-apps-v1",
  "storageclass-storage-v1",
];
const kubernetesRefFiles = ["_definitions", "customresourcedefinition-apiextensions-v1"];

/** datreeio/CRDs-catalog commit of the snapshot (2026-08-20). */
const catalogCommit = "7b1e26ef9deea49293714d204c1a2270aab1178f";
/**
 * The catalog as a kubeconform `-schema-location` template, at the same commit the validators read,
 * so CI of the generated repository and `pnpm verify` judge against the same schemas.
 */
export const crdsCatalogSchemaLocation = `${raw}/datreeio/CRDs-catalog/${catalogCommit}/{{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json`;
/** group → `<kind>_<version>` file names (without `.json`). */
const catalogFiles: Readonly<Record<string, readonly string[]>> = {
  "acme.cert-manager.io": ["challenge_v1", "order_v1"],
  "actions.github.com": ["autoscalinglistener_v1alpha1", "autoscalingrunnerset_v1alpha1", "ephemeralrunner_v1alpha1", "ephemeralrunnerset_v1alpha1"],
  "barmancloud.cnpg.io": ["objectstore_v1"],
  "ceph.rook.io": ["cephblockpool_v1", "cephblockpoolradosnamespace_v1", "cephbucketnotification_v1", "cephbuckettopic_v1", "cephclient_v1", "cephcluster_v1", "cephcosidriver_v1", "cephfilesystem_v1", "cephfilesystemmirror_v1", "cephfilesystemsubvolumegroup_v1", "cephnfs_v1", "cephobjectrealm_v1", "cephobjectstore_v1", "cephobjectstoreuser_v1", "cephobjectzone_v1", "cephobjectzonegroup_v1", "cephrbdmirror_v1"],
  "cert-manager.io": ["certificate_v1", "certificaterequest_v1", "clusterissuer_v1", "issuer_v1"],
  "cilium.io": ["ciliumbgpadvertisement_v2", "ciliumbgpclusterconfig_v2", "ciliumbgpnodeconfig_v2", "ciliumbgpnodeconfigoverride_v2", "ciliumbgppeerconfig_v2", "ciliumbgppeeringpolicy_v2alpha1", "ciliumcidrgroup_v2", "ciliumclusterwideenvoyconfig_v2", "ciliumclusterwidenetworkpolicy_v2", "ciliumegressgatewaypolicy_v2", "ciliumendpoint_v2", "ciliumendpointslice_v2alpha1", "ciliumenvoyconfig_v2", "ciliumexternalworkload_v2", "ciliumidentity_v2", "ciliuml2announcementpolicy_v2alpha1", "ciliumloadbalancerippool_v2", "ciliumlocalredirectpolicy_v2", "ciliumnetworkpolicy_v2", "ciliumnode_v2", "ciliumnodeconfig_v2", "ciliumpodippool_v2alpha1"],
  "core.strimzi.io": ["strimzipodset_v1beta2"],
  "dragonflydb.io": ["dragonfly_v1alpha1"],
  "external-secrets.io": ["clusterexternalsecret_v1", "clusterpushsecret_v1alpha1", "clustersecretstore_v1", "externalsecret_v1", "pushsecret_v1alpha1", "secretstore_v1"],
  "fluxcd.controlplane.io": ["fluxinstance_v1", "fluxreport_v1", "resourceset_v1", "resourcesetinputprovider_v1"],
  "gateway.networking.k8s.io": ["backendlbpolicy_v1alpha2", "backendtlspolicy_v1", "gateway_v1", "gatewayclass_v1", "grpcroute_v1", "httproute_v1", "listenerset_v1", "referencegrant_v1", "tcproute_v1", "tlsroute_v1", "udproute_v1"],
  "generators.external-secrets.io": ["acraccesstoken_v1alpha1", "cloudsmithaccesstoken_v1alpha1", "clustergenerator_v1alpha1", "ecrauthorizationtoken_v1alpha1", "fake_v1alpha1", "gcraccesstoken_v1alpha1", "generatorstate_v1alpha1", "githubaccesstoken_v1alpha1", "grafana_v1alpha1", "mfa_v1alpha1", "password_v1alpha1", "quayaccesstoken_v1alpha1", "sshkey_v1alpha1", "stssessiontoken_v1alpha1", "uuid_v1alpha1", "vaultdynamicsecret_v1alpha1", "webhook_v1alpha1"],
  "helm.toolkit.fluxcd.io": ["helmrelease_v1", "helmrelease_v2"],
  "k8s.keycloak.org": ["keycloak_v2beta1", "keycloakrealmimport_v2beta1"],
  "kafka.strimzi.io": ["kafka_v1", "kafkabridge_v1", "kafkaconnect_v1", "kafkaconnector_v1", "kafkamirrormaker2_v1", "kafkamirrormaker_v1beta2", "kafkanodepool_v1", "kafkarebalance_v1", "kafkatopic_v1", "kafkatopiccontrolacls_v1beta1", "kafkauser_v1", "strimzipodset_v1beta2"],
  "kustomize.toolkit.fluxcd.io": ["kustomization_v1"],
  "monitoring.coreos.com": ["alertmanager_v1", "alertmanagerconfig_v1alpha1", "podmonitor_v1", "probe_v1", "prometheus_v1", "prometheusagent_v1alpha1", "prometheusrule_v1", "scrapeconfig_v1alpha1", "servicemonitor_v1", "thanosruler_v1"],
  "notification.toolkit.fluxcd.io": ["alert_v1beta3", "provider_v1beta3", "receiver_v1"],
  "objectbucket.io": ["objectbucket_v1alpha1", "objectbucketclaim_v1alpha1"],
  "openebs.io": ["blockdevice_v1alpha1", "blockdeviceclaim_v1alpha1", "diskpool_v1beta2"],
  "operator.victoriametrics.com": ["vlagent_v1", "vlcluster_v1", "vlogs_v1beta1", "vlsingle_v1", "vmagent_v1beta1", "vmalert_v1beta1", "vmalertmanager_v1beta1", "vmalertmanagerconfig_v1beta1", "vmanomaly_v1", "vmauth_v1beta1", "vmcluster_v1beta1", "vmnodescrape_v1beta1", "vmpodscrape_v1beta1", "vmprobe_v1beta1", "vmrule_v1beta1", "vmscrapeconfig_v1beta1", "vmservicescrape_v1beta1", "vmsingle_v1beta1", "vmstaticscrape_v1beta1", "vmuser_v1beta1", "vtcluster_v1", "vtsingle_v1"],
  "postgresql.cnpg.io": ["backup_v1", "cluster_v1", "cluster_v3", "clusterimagecatalog_v1", "database_v1", "databaserole_v1", "failoverquorum_v1", "imagecatalog_v1", "pooler_v1", "publication_v1", "scheduledbackup_v1", "subscription_v1"],
  "snapshot.storage.k8s.io": ["volumesnapshot_v1", "volumesnapshotclass_v1", "volumesnapshotcontent_v1"],
  "source.toolkit.fluxcd.io": ["bucket_v1", "externalartifact_v1", "gitrepository_v1", "helmchart_v1", "helmrepository_v1", "ocirepository_v1"],
};

/** Each controller's `config/crd/bases/` at the tag Flux v2.9.4 pins (source-controller: newest in the snapshot). */
const fluxControllers: readonly { repo: string; tag: string; dir: string; files: readonly string[] }[] = [
  {
    repo: "fluxcd/source-controller",
    // renovate: datasource=github-releases depName=fluxcd/source-controller
    tag: "v1.9.1",
    dir: fluxCrdDir,
    files: ["buckets", "externalartifacts", "gitrepositories", "helmcharts", "helmrepositories", "ocirepositories"].map(
      (plural) => `source.toolkit.fluxcd.io_${plural}.yaml`,
    ),
  },
  // renovate: datasource=github-releases depName=fluxcd/kustomize-controller
  { repo: "fluxcd/kustomize-controller", tag: "v1.9.4", dir: fluxCrdDir, files: ["kustomize.toolkit.fluxcd.io_kustomizations.yaml"] },
  // renovate: datasource=github-releases depName=fluxcd/helm-controller
  { repo: "fluxcd/helm-controller", tag: "v1.6.3", dir: fluxCrdDir, files: ["helm.toolkit.fluxcd.io_helmreleases.yaml"] },
  {
    repo: "fluxcd/notification-controller",
    // renovate: datasource=github-releases depName=fluxcd/notification-controller
    tag: "v1.9.3",
    dir: fluxCrdDir,
    files: ["alerts", "providers", "receivers"].map((plural) => `notification.toolkit.fluxcd.io_${plural}.yaml`),
  },
  {
    repo: "controlplaneio-fluxcd/flux-operator",
    // renovate: datasource=github-releases depName=controlplaneio-fluxcd/flux-operator
    tag: "v0.58.1",
    dir: fluxOperatorCrdDir,
    files: ["fluxinstances", "fluxreports", "resourcesetinputproviders", "resourcesets"].map(
      (plural) => `fluxcd.controlplane.io_${plural}.yaml`,
    ),
  },
];

// renovate: datasource=github-releases depName=siderolabs/talos
const talosTags = ["v1.13.9", "v1.12.11", "v1.11.6", "v1.10.9"];

const ciliumChartsCommit = "009b5e9582173785abfdedb3fda7a26d85ab7aca";
const fluxChartsCommit = "fc87d3b3f55bc28becb11126dadcde2bedf648a0";

/** Helm chart values schemas: chart name in the schema root, chart version, where the file lives upstream. */
const helmSchemas: readonly { chart: string; version: string; url: string; archiveMember?: string }[] = [
  ...["1.20.0", "1.19.6", "1.18.12"].map((version) => ({
    chart: "cilium",
    version,
    // cilium/charts only holds packaged charts, so the schema is read from the tarball.
    url: `${raw}/cilium/charts/${ciliumChartsCommit}/cilium-${version}.tgz`,
    archiveMember: "cilium/values.schema.json",
  })),
  {
    chart: "cert-manager",
    // renovate: datasource=docker depName=quay.io/jetstack/charts/cert-manager
    version: "v1.21.1",
    url: `${raw}/cert-manager/cert-manager/v1.21.1/deploy/charts/cert-manager/values.schema.json`,
  },
  {
    chart: "external-secrets",
    // renovate: datasource=docker depName=ghcr.io/external-secrets/charts/external-secrets
    version: "2.9.0",
    url: `${raw}/external-secrets/external-secrets/helm-chart-2.9.0/deploy/charts/external-secrets/values.schema.json`,
  },
  {
    chart: "cloudnative-pg",
    // renovate: datasource=docker depName=ghcr.io/cloudnative-pg/charts/cloudnative-pg
    version: "0.29.0",
    url: `${raw}/cloudnative-pg/charts/cloudnative-pg-v0.29.0/charts/cloudnative-pg/values.schema.json`,
  },
  {
    chart: "cnpg-cluster",
    version: "0.8.1",
    url: `${raw}/cloudnative-pg/charts/cluster-v0.8.1/charts/cluster/values.schema.json`,
  },
  {
    chart: "plugin-barman-cloud",
    // renovate: datasource=docker depName=ghcr.io/cloudnative-pg/charts/plugin-barman-cloud
    version: "0.7.0",
    url: `${raw}/cloudnative-pg/charts/plugin-barman-cloud-v0.7.0/charts/plugin-barman-cloud/values.schema.json`,
  },
  {
    chart: "keycloakx",
    version: "7.1.11",
    url: `${raw}/codecentric/helm-charts/keycloakx-7.1.11/charts/keycloakx/values.schema.json`,
  },
  {
    chart: "flux-operator",
    version: "0.49.0",
    url: `${raw}/controlplaneio-fluxcd/charts/${fluxChartsCommit}/charts/flux-operator/values.schema.json`,
  },
  {
    chart: "flux-instance",
    version: "0.49.0",
    url: `${raw}/controlplaneio-fluxcd/charts/${fluxChartsCommit}/charts/flux-instance/values.schema.json`,
  },
];

/** Every file of the schema root with its upstream URL. */
export const upstreamFiles: readonly UpstreamFile[] = [
  ...kubernetesStrictFiles.map((name) => ({
    set: "kubernetes" as const,
    path: `${kubernetesStrictDir}/${name}.json`,
    url: `${kubernetesBase}/v${kubernetesVersion}-standalone-strict/${name}.json`,
  })),
  ...kubernetesRefFiles.map((name) => ({
    set: "kubernetes" as const,
    path: `${kubernetesRefDir}/${name}.json`,
    url: `${kubernetesBase}/v${kubernetesVersion}/${name}.json`,
  })),
  ...Object.entries(catalogFiles).flatMap(([group, names]) =>
    names.map((name) => ({
      set: "crds-catalog" as const,
      path: `${crdsCatalogDir}/${group}/${name}.json`,
      url: `${raw}/datreeio/CRDs-catalog/${catalogCommit}/${group}/${name}.json`,
    })),
  ),
  ...fluxControllers.flatMap(({ repo, tag, dir, files }) =>
    files.map((file) => ({
      set: "crds" as const,
      path: `${dir}/${file}`,
      url: `${raw}/${repo}/${tag}/config/crd/bases/${file}`,
    })),
  ),
  ...talosTags.map((tag) => ({
    set: "talos" as const,
    path: `talos/${tag}/config.schema.json`,
    url: `${raw}/siderolabs/talos/${tag}/pkg/machinery/config/schemas/config.schema.json`,
  })),
  ...helmSchemas.map(({ chart, version, url, archiveMember }) => ({
    set: "helm" as const,
    path: `helm/${chart}/${version}/values.schema.json`,
    url,
    ...(archiveMember === undefined ? {} : { archiveMember }),
  })),
];
