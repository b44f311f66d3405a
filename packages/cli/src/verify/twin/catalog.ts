/**
 * What exists on a fresh cluster, or is made by a controller at run time rather than applied from
 * a file: the twin's knowledge of the API server and of the controllers it cannot run. Each entry
 * names the source it was read from.
 */

/**
 * API groups the API server serves without a CRD (kube-apiserver's built-in REST storage,
 * pkg/controlplane/instance.go and pkg/controlplane/apiserver). Anything else needs a CRD.
 */
export const builtInGroups: ReadonlySet<string> = new Set([
  "",
  "admissionregistration.k8s.io",
  "apiextensions.k8s.io",
  "apiregistration.k8s.io",
  "apps",
  "authentication.k8s.io",
  "authorization.k8s.io",
  "autoscaling",
  "batch",
  "certificates.k8s.io",
  "coordination.k8s.io",
  "discovery.k8s.io",
  "events.k8s.io",
  "flowcontrol.apiserver.k8s.io",
  "networking.k8s.io",
  "node.k8s.io",
  "policy",
  "rbac.authorization.k8s.io",
  "resource.k8s.io",
  "scheduling.k8s.io",
  "storage.k8s.io",
]);

/**
 * Built-in kinds that are cluster-scoped (the `namespaced: false` resources of those groups);
 * a custom kind's scope comes from its CRD's `spec.scope`.
 */
export const clusterScopedBuiltIns: ReadonlySet<string> = new Set([
  "Namespace",
  "Node",
  "PersistentVolume",
  "CustomResourceDefinition",
  "APIService",
  "ClusterRole",
  "ClusterRoleBinding",
  "StorageClass",
  "CSIDriver",
  "CSINode",
  "VolumeAttachment",
  "PriorityClass",
  "IngressClass",
  "RuntimeClass",
  "MutatingWebhookConfiguration",
  "ValidatingWebhookConfiguration",
  "ValidatingAdmissionPolicy",
  "ValidatingAdmissionPolicyBinding",
  "MutatingAdmissionPolicy",
  "MutatingAdmissionPolicyBinding",
  "FlowSchema",
  "PriorityLevelConfiguration",
  "CertificateSigningRequest",
  "DeviceClass",
]);

/** Namespaces the API server creates (pkg/controlplane/controller/systemnamespaces). */
export const systemNamespaces: readonly string[] = ["default", "kube-system", "kube-public", "kube-node-lease"];

/** PriorityClasses the API server creates (pkg/apis/scheduling SystemPriorityClasses). */
export const systemPriorityClasses: readonly string[] = ["system-cluster-critical", "system-node-critical"];

/**
 * Objects kube-controller-manager creates in every namespace: ServiceAccount `default`
 * (pkg/controller/serviceaccount/serviceaccounts_controller.go) and ConfigMap `kube-root-ca.crt`
 * with key `ca.crt` (pkg/controller/certificates/rootcacertpublisher/publisher.go).
 */
export const perNamespaceObjects: readonly { readonly kind: "ServiceAccount" | "ConfigMap"; readonly name: string; readonly keys?: readonly string[] }[] = [
  { kind: "ServiceAccount", name: "default" },
  { kind: "ConfigMap", name: "kube-root-ca.crt", keys: ["ca.crt"] },
];

export interface CrdEntry {
  readonly group: string;
  readonly kind: string;
  readonly versions: readonly string[];
  readonly namespaced: boolean;
}

/**
 * The CRDs of the Gateway API standard channel as `standard-install.yaml` of a release installs
 * them. The manifest cannot be downloaded offline, so the list is recorded from the release's
 * source: kubernetes-sigs/gateway-api tag v1.6.1, config/crd/standard/*.yaml (served versions,
 * scope). A test checks every entry against the CRD catalog schemas in ../shared/schemas.
 */
export const gatewayApiStandardCrds: Readonly<Record<string, readonly CrdEntry[]>> = {
  "v1.6.1": [
    { kind: "BackendTLSPolicy", versions: ["v1"], namespaced: true },
    { kind: "GatewayClass", versions: ["v1", "v1beta1"], namespaced: false },
    { kind: "Gateway", versions: ["v1", "v1beta1"], namespaced: true },
    { kind: "GRPCRoute", versions: ["v1"], namespaced: true },
    { kind: "HTTPRoute", versions: ["v1", "v1beta1"], namespaced: true },
    { kind: "ListenerSet", versions: ["v1"], namespaced: true },
    { kind: "ReferenceGrant", versions: ["v1", "v1beta1"], namespaced: true },
    { kind: "TCPRoute", versions: ["v1"], namespaced: true },
    { kind: "TLSRoute", versions: ["v1"], namespaced: true },
    { kind: "UDPRoute", versions: ["v1"], namespaced: true },
  ].map((entry) => ({ group: "gateway.networking.k8s.io", ...entry })),
};

/**
 * The CRDs Flux Operator installs with each Flux controller of a FluxInstance's
 * `spec.components` (the controllers' config/crd bases, e.g. fluxcd/source-controller
 * config/crd/bases; Flux 2.9 serves these versions).
 */
export const fluxControllerCrds: Readonly<Record<string, readonly CrdEntry[]>> = {
  "source-controller": [
    { group: "source.toolkit.fluxcd.io", kind: "GitRepository", versions: ["v1"], namespaced: true },
    { group: "source.toolkit.fluxcd.io", kind: "OCIRepository", versions: ["v1"], namespaced: true },
    { group: "source.toolkit.fluxcd.io", kind: "HelmRepository", versions: ["v1"], namespaced: true },
    { group: "source.toolkit.fluxcd.io", kind: "HelmChart", versions: ["v1"], namespaced: true },
    { group: "source.toolkit.fluxcd.io", kind: "Bucket", versions: ["v1"], namespaced: true },
    { group: "source.toolkit.fluxcd.io", kind: "ExternalArtifact", versions: ["v1"], namespaced: true },
  ],
  "kustomize-controller": [{ group: "kustomize.toolkit.fluxcd.io", kind: "Kustomization", versions: ["v1"], namespaced: true }],
  "helm-controller": [{ group: "helm.toolkit.fluxcd.io", kind: "HelmRelease", versions: ["v2"], namespaced: true }],
  "notification-controller": [
    { group: "notification.toolkit.fluxcd.io", kind: "Provider", versions: ["v1beta3"], namespaced: true },
    { group: "notification.toolkit.fluxcd.io", kind: "Alert", versions: ["v1beta3"], namespaced: true },
    { group: "notification.toolkit.fluxcd.io", kind: "Receiver", versions: ["v1"], namespaced: true },
  ],
};

/** Keys of the Secret cert-manager writes for a Certificate (pkg/controller/certificates/issuing, internal/secret). */
export const certificateSecretKeys: readonly string[] = ["tls.crt", "tls.key", "ca.crt"];

/**
 * Keys of the Secret and ConfigMap, both named after the claim, that rook's bucket provisioner
 * writes for an ObjectBucketClaim (kube-object-storage/lib-bucket-provisioner pkg/provisioner/api,
 * `newCredentialsSecret` and `newBucketConfigMap`).
 */
export const bucketClaimSecretKeys: readonly string[] = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"];
export const bucketClaimConfigMapKeys: readonly string[] = ["BUCKET_HOST", "BUCKET_NAME", "BUCKET_PORT", "BUCKET_REGION", "BUCKET_SUBREGION"];

/**
 * The Secret rook writes for a CephObjectStoreUser: `rook-ceph-object-user-<store>-<user>` with
 * keys AccessKey, SecretKey and Endpoint (rook pkg/operator/ceph/object/user/controller.go,
 * `generateCephUserSecretName`).
 */
export const objectUserSecret = (store: string, user: string): string => `rook-ceph-object-user-${store}-${user}`;
export const objectUserSecretKeys: readonly string[] = ["AccessKey", "SecretKey", "Endpoint"];

/**
 * The Secrets CloudNativePG creates for a Cluster `<name>` (cloudnative-pg api/v1 cluster_funcs.go:
 * GetApplicationSecretName, GetSuperuserSecretName, GetServerCASecretName, ...). The app and
 * superuser Secrets are basic-auth Secrets with connection details (pkg/specs/secrets.go
 * CreateSecret).
 */
export const cnpgSecrets = (name: string): readonly { readonly name: string; readonly keys?: readonly string[] }[] => {
  const credentials = ["username", "password", "hostname", "host", "port", "dbname", "uri", "jdbc-uri", "pgpass", "user"];
  return [
    { name: `${name}-app`, keys: credentials },
    { name: `${name}-superuser`, keys: credentials },
    { name: `${name}-ca` },
    { name: `${name}-server` },
    { name: `${name}-replication` },
  ];
};

/**
 * The CRDs cilium-operator registers when it starts (cilium pkg/k8s/apis/cilium.io/client/register.go,
 * `CreateCustomResourceDefinitions`); the chart ships none. Kinds and versions as the CRD catalog
 * in ../shared/schemas/crds-catalog/cilium.io lists them for the pinned release (a test compares).
 */
const ciliumNamespaced = new Set(["CiliumNetworkPolicy", "CiliumEndpoint", "CiliumEnvoyConfig", "CiliumLocalRedirectPolicy"]);
export const ciliumOperatorCrds: readonly CrdEntry[] = [
  ["CiliumBGPAdvertisement", "v2"],
  ["CiliumBGPClusterConfig", "v2"],
  ["CiliumBGPNodeConfig", "v2"],
  ["CiliumBGPNodeConfigOverride", "v2"],
  ["CiliumBGPPeerConfig", "v2"],
  ["CiliumBGPPeeringPolicy", "v2alpha1"],
  ["CiliumCIDRGroup", "v2"],
  ["CiliumClusterwideEnvoyConfig", "v2"],
  ["CiliumClusterwideNetworkPolicy", "v2"],
  ["CiliumEgressGatewayPolicy", "v2"],
  ["CiliumEndpoint", "v2"],
  ["CiliumEndpointSlice", "v2alpha1"],
  ["CiliumEnvoyConfig", "v2"],
  ["CiliumExternalWorkload", "v2"],
  ["CiliumIdentity", "v2"],
  ["CiliumL2AnnouncementPolicy", "v2alpha1"],
  ["CiliumLoadBalancerIPPool", "v2"],
  ["CiliumLocalRedirectPolicy", "v2"],
  ["CiliumNetworkPolicy", "v2"],
  ["CiliumNode", "v2"],
  ["CiliumNodeConfig", "v2"],
  ["CiliumPodIPPool", "v2alpha1"],
].map(([kind, version]) => ({ group: "cilium.io", kind: kind!, versions: [version!], namespaced: ciliumNamespaced.has(kind!) }));

/** A CustomResourceDefinition object for a catalog entry, as the API server would hold it. */
export function crdDocument(entry: CrdEntry): unknown {
  const plural = `${entry.kind.toLowerCase()}s`;
  return {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: `${plural}.${entry.group}` },
    spec: {
      group: entry.group,
      names: { kind: entry.kind, plural },
      scope: entry.namespaced ? "Namespaced" : "Cluster",
      versions: entry.versions.map((name) => ({ name, served: true, storage: name === entry.versions[0] })),
    },
  };
}

/** The CRDs the flux-operator chart installs (templates/crds.yaml of flux-operator 0.49.0). */
export const fluxOperatorCrds: readonly CrdEntry[] = ["FluxInstance", "FluxReport", "ResourceSet", "ResourceSetInputProvider"].map((kind) => ({
  group: "fluxcd.controlplane.io",
  kind,
  versions: ["v1"],
  namespaced: true,
}));
