import { at, isFluxKustomization, isHelmRelease, isObject, kindOf, namespaceOf, textAt } from "../objects.js";
import { groupOfDoc } from "./keys.js";
import { jobContainers } from "./made.js";

/** Something an object needs to exist on the cluster. */
export interface Reference {
  /** Where in the object, e.g. `spec.template.spec.containers[0].env[1].valueFrom.secretKeyRef`. */
  readonly field: string;
  /** `group/Kind` of the referenced object (`/Secret` for core). */
  readonly groupKind: string;
  readonly namespace?: string;
  readonly name: string;
  /** A key the referencing object reads from a Secret or ConfigMap. */
  readonly key?: string;
}

const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const core = (kind: string): string => `/${kind}`;

/** The pod spec of a workload (the kinds whose pods kube-controller-manager creates from a template). */
function podSpecPath(doc: unknown): string[] | undefined {
  if (groupOfDoc(doc) === "" && kindOf(doc) === "Pod") return ["spec"];
  if (groupOfDoc(doc) === "apps" && ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet"].includes(kindOf(doc))) return ["spec", "template", "spec"];
  if (groupOfDoc(doc) === "batch" && kindOf(doc) === "Job") return ["spec", "template", "spec"];
  if (groupOfDoc(doc) === "batch" && kindOf(doc) === "CronJob") return ["spec", "jobTemplate", "spec", "template", "spec"];
  return undefined;
}

/**
 * What a pod needs before the kubelet can start it, as the API server and kubelet check it:
 * the ServiceAccount (plugin/pkg/admission/serviceaccount: pod creation is rejected without it),
 * the PriorityClass (plugin/pkg/admission/priority), and every non-optional Secret/ConfigMap of
 * env, envFrom, volumes, projected volumes and imagePullSecrets, with the keys it reads
 * (pkg/kubelet/kubelet_pods.go makeEnvironmentVariables, pkg/volume/secret and configmap).
 */
function podReferences(doc: unknown, path: string[], namespace: string): Reference[] {
  const spec = at(doc, ...path);
  const base = path.join(".");
  const refs: Reference[] = [];
  const serviceAccount = textAt(spec, "serviceAccountName") ?? textAt(spec, "serviceAccount") ?? "default";
  refs.push({ field: `${base}.serviceAccountName`, groupKind: core("ServiceAccount"), namespace, name: serviceAccount });
  const priority = textAt(spec, "priorityClassName");
  if (priority !== undefined) refs.push({ field: `${base}.priorityClassName`, groupKind: "scheduling.k8s.io/PriorityClass", name: priority });
  for (const [i, secret] of listOf(at(spec, "imagePullSecrets")).entries()) {
    const name = textAt(secret, "name");
    if (name !== undefined) refs.push({ field: `${base}.imagePullSecrets[${i}]`, groupKind: core("Secret"), namespace, name });
  }
  for (const [i, volume] of listOf(at(spec, "volumes")).entries()) {
    const field = `${base}.volumes[${i}]`;
    const sources: [string, unknown][] = [
      [`${field}.secret`, at(volume, "secret")],
      [`${field}.configMap`, at(volume, "configMap")],
      ...listOf(at(volume, "projected", "sources")).flatMap((source, j): [string, unknown][] => [
        [`${field}.projected.sources[${j}].secret`, at(source, "secret")],
        [`${field}.projected.sources[${j}].configMap`, at(source, "configMap")],
      ]),
    ];
    for (const [where, source] of sources) {
      if (!isObject(source) || source["optional"] === true) continue;
      const isSecret = where.endsWith(".secret");
      const name = isSecret ? (textAt(source, "secretName") ?? textAt(source, "name")) : textAt(source, "name");
      if (name === undefined) continue;
      const groupKind = core(isSecret ? "Secret" : "ConfigMap");
      const items = listOf(source["items"]);
      if (items.length === 0) refs.push({ field: where, groupKind, namespace, name });
      for (const item of items) refs.push({ field: where, groupKind, namespace, name, key: textAt(item, "key") ?? "" });
    }
  }
  for (const list of ["initContainers", "containers"]) {
    for (const [c, container] of listOf(at(spec, list)).entries()) {
      const field = `${base}.${list}[${c}]`;
      for (const [e, env] of listOf(at(container, "env")).entries()) {
        for (const [refKind, kind] of [
          ["secretKeyRef", "Secret"],
          ["configMapKeyRef", "ConfigMap"],
        ] as const) {
          const ref = at(env, "valueFrom", refKind);
          const name = textAt(ref, "name");
          if (name === undefined || at(ref, "optional") === true) continue;
          refs.push({ field: `${field}.env[${e}].valueFrom.${refKind}`, groupKind: core(kind), namespace, name, key: textAt(ref, "key") ?? "" });
        }
      }
      for (const [e, from] of listOf(at(container, "envFrom")).entries()) {
        for (const [refKind, kind] of [
          ["secretRef", "Secret"],
          ["configMapRef", "ConfigMap"],
        ] as const) {
          const ref = at(from, refKind);
          const name = textAt(ref, "name");
          if (name === undefined || at(ref, "optional") === true) continue;
          refs.push({ field: `${field}.envFrom[${e}].${refKind}`, groupKind: core(kind), namespace, name });
        }
      }
    }
  }
  return refs;
}

/** Every `storageClassName` string in an object (PVCs, volumeClaimTemplates, operators' storage specs). */
function storageClassReferences(value: unknown, path: string): Reference[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => storageClassReferences(item, `${path}[${i}]`));
  if (!isObject(value)) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const field = path === "" ? key : `${path}.${key}`;
    if (key === "storageClassName" && typeof child === "string" && child !== "") return [{ field, groupKind: "storage.k8s.io/StorageClass", name: child }];
    return storageClassReferences(child, field);
  });
}

/** Secret names in Helm values under `existingSecret`-style keys, which charts mount without creating. */
function existingSecretReferences(value: unknown, path: string, namespace: string): Reference[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => existingSecretReferences(item, `${path}[${i}]`, namespace));
  if (!isObject(value)) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const field = `${path}.${key}`;
    if (/^existing[A-Za-z]*Secret(Name)?$/.test(key) && typeof child === "string" && child !== "") return [{ field, groupKind: core("Secret"), namespace, name: child }];
    return existingSecretReferences(child, field, namespace);
  });
}

const issuerAnnotations: readonly [string, string][] = [
  ["cert-manager.io/cluster-issuer", "cert-manager.io/ClusterIssuer"],
  ["cert-manager.io/issuer", "cert-manager.io/Issuer"],
];

/**
 * The references of one object besides its namespace and CRD (which the twin checks for every
 * object). `releaseNamespace` is set for the values of a Helm release (HelmRelease or helmfile).
 */
export function referencesOf(doc: unknown): Reference[] {
  const namespace = namespaceOf(doc) ?? "default";
  const group = groupOfDoc(doc);
  const kind = kindOf(doc);
  const refs: Reference[] = [];
  const podPath = podSpecPath(doc);
  if (podPath !== undefined) refs.push(...podReferences(doc, podPath, namespace));
  refs.push(...storageClassReferences(at(doc, "spec"), "spec"));
  // Cilium's certgen signs with an existing CA when `--ca-generate=false` (cilium/certgen
  // internal/option: --ca-secret-name/--ca-secret-namespace; it reads ca.crt and ca.key).
  for (const container of jobContainers(doc)) {
    const args = listOf(at(container, "args")).map(String);
    const flag = (name: string): string | undefined => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
    const caName = flag("ca-secret-name");
    if (caName === undefined || flag("ca-generate") !== "false") continue;
    for (const key of ["ca.crt", "ca.key"]) refs.push({ field: "certgen --ca-secret-name", groupKind: core("Secret"), namespace: flag("ca-secret-namespace") ?? namespace, name: caName, key });
  }

  // cert-manager: Certificate.spec.issuerRef (kind defaults to Issuer, pkg/apis/certmanager/v1
  // types_certificate.go), and ingress-shim's annotations on Ingress and Gateway
  // (pkg/controller/certificate-shim/helper.go).
  if (group === "cert-manager.io" && kind === "Certificate") {
    const ref = at(doc, "spec", "issuerRef");
    const refKind = textAt(ref, "kind") ?? "Issuer";
    const name = textAt(ref, "name");
    if (name !== undefined) refs.push({ field: "spec.issuerRef", groupKind: `cert-manager.io/${refKind}`, ...(refKind === "Issuer" ? { namespace } : {}), name });
  }
  for (const [annotation, groupKind] of issuerAnnotations) {
    const name = textAt(doc, "metadata", "annotations", annotation);
    if (name !== undefined) refs.push({ field: `metadata.annotations[${annotation}]`, groupKind, ...(groupKind.endsWith("/Issuer") ? { namespace } : {}), name });
  }

  // external-secrets: secretStoreRef.kind defaults to SecretStore (apis/externalsecrets/v1 externalsecret_types.go).
  if (group === "external-secrets.io" && ["ExternalSecret", "PushSecret"].includes(kind)) {
    const stores = kind === "ExternalSecret" ? [at(doc, "spec", "secretStoreRef")] : listOf(at(doc, "spec", "secretStoreRefs"));
    for (const [i, ref] of stores.entries()) {
      const refKind = textAt(ref, "kind") ?? "SecretStore";
      const name = textAt(ref, "name");
      const field = kind === "ExternalSecret" ? "spec.secretStoreRef" : `spec.secretStoreRefs[${i}]`;
      if (name !== undefined) refs.push({ field, groupKind: `external-secrets.io/${refKind}`, ...(refKind === "SecretStore" ? { namespace } : {}), name });
    }
    if (kind === "PushSecret") {
      const name = textAt(doc, "spec", "selector", "secret", "name");
      if (name !== undefined) refs.push({ field: "spec.selector.secret", groupKind: core("Secret"), namespace, name });
    }
  }
  // The 1Password provider reads its Connect token from a Secret (apis/externalsecrets/v1 secretstore_onepassword_types.go).
  if (group === "external-secrets.io" && ["ClusterSecretStore", "SecretStore"].includes(kind)) {
    const token = at(doc, "spec", "provider", "onepassword", "auth", "secretRef", "connectTokenSecretRef");
    const name = textAt(token, "name");
    if (name !== undefined) {
      const tokenNamespace = textAt(token, "namespace") ?? (kind === "SecretStore" ? namespace : undefined);
      refs.push({ field: "spec.provider.onepassword.auth.secretRef.connectTokenSecretRef", groupKind: core("Secret"), ...(tokenNamespace ? { namespace: tokenNamespace } : {}), name, key: textAt(token, "key") ?? "" });
    }
  }

  // Gateway API: a Gateway's class, its listeners' certificates, and a route's parent Gateways
  // (apis/v1 gateway_types.go, shared_types.go ParentReference: namespace defaults to the route's).
  if (group === "gateway.networking.k8s.io" && kind === "Gateway") {
    const className = textAt(doc, "spec", "gatewayClassName");
    if (className !== undefined) refs.push({ field: "spec.gatewayClassName", groupKind: "gateway.networking.k8s.io/GatewayClass", name: className });
    for (const [l, listener] of listOf(at(doc, "spec", "listeners")).entries()) {
      for (const [c, cert] of listOf(at(listener, "tls", "certificateRefs")).entries()) {
        if ((textAt(cert, "kind") ?? "Secret") !== "Secret" || (textAt(cert, "group") ?? "") !== "") continue;
        const name = textAt(cert, "name");
        if (name !== undefined) refs.push({ field: `spec.listeners[${l}].tls.certificateRefs[${c}]`, groupKind: core("Secret"), namespace: textAt(cert, "namespace") ?? namespace, name });
      }
    }
  }
  if (group === "gateway.networking.k8s.io" && kind.endsWith("Route")) {
    for (const [p, parent] of listOf(at(doc, "spec", "parentRefs")).entries()) {
      if ((textAt(parent, "kind") ?? "Gateway") !== "Gateway" || (textAt(parent, "group") ?? "gateway.networking.k8s.io") !== "gateway.networking.k8s.io") continue;
      const name = textAt(parent, "name");
      if (name !== undefined) refs.push({ field: `spec.parentRefs[${p}]`, groupKind: "gateway.networking.k8s.io/Gateway", namespace: textAt(parent, "namespace") ?? namespace, name });
    }
  }

  // CloudNativePG: credentials a Cluster reads (api/v1 cluster_types.go: bootstrap.initdb.secret,
  // superuserSecret, managed.roles[].passwordSecret) and the Cluster a Database/Pooler/ScheduledBackup names.
  if (group === "postgresql.cnpg.io" && kind === "Cluster") {
    const secrets: [string, string | undefined][] = [
      ["spec.bootstrap.initdb.secret", textAt(doc, "spec", "bootstrap", "initdb", "secret", "name")],
      ["spec.superuserSecret", textAt(doc, "spec", "superuserSecret", "name")],
      ...listOf(at(doc, "spec", "managed", "roles")).map((role, i): [string, string | undefined] => [`spec.managed.roles[${i}].passwordSecret`, textAt(role, "passwordSecret", "name")]),
    ];
    for (const [field, name] of secrets) if (name !== undefined) refs.push({ field, groupKind: core("Secret"), namespace, name });
    const storageClass = textAt(doc, "spec", "storage", "storageClass");
    if (storageClass !== undefined) refs.push({ field: "spec.storage.storageClass", groupKind: "storage.k8s.io/StorageClass", name: storageClass });
  }
  if (group === "postgresql.cnpg.io" && ["Database", "Pooler", "ScheduledBackup"].includes(kind)) {
    const name = textAt(doc, "spec", "cluster", "name");
    if (name !== undefined) refs.push({ field: "spec.cluster", groupKind: "postgresql.cnpg.io/Cluster", namespace, name });
  }
  // Strimzi: KafkaNodePool/Kafka persistent storage names a StorageClass as `class` (api/kafka/model/storage).
  if (group === "kafka.strimzi.io") {
    const storage = at(doc, "spec", "storage");
    for (const [v, volume] of [storage, ...listOf(at(storage, "volumes"))].entries()) {
      const name = textAt(volume, "class");
      if (name !== undefined) refs.push({ field: v === 0 ? "spec.storage.class" : `spec.storage.volumes[${v - 1}].class`, groupKind: "storage.k8s.io/StorageClass", name });
    }
  }

  // Flux: valuesFrom (helm-controller internal/chartutil/values.go ChartValuesFromReferences: a
  // missing non-optional Secret/ConfigMap or key fails the release), existingSecret-style values,
  // and a Kustomization's postBuild.substituteFrom (kustomize-controller fails the build).
  if (isHelmRelease(doc)) {
    const releaseNamespace = textAt(doc, "spec", "targetNamespace") ?? namespace;
    for (const [i, from] of listOf(at(doc, "spec", "valuesFrom")).entries()) {
      const name = textAt(from, "name");
      const refKind = textAt(from, "kind");
      if (name === undefined || at(from, "optional") === true || (refKind !== "Secret" && refKind !== "ConfigMap")) continue;
      refs.push({ field: `spec.valuesFrom[${i}]`, groupKind: core(refKind), namespace, name, key: textAt(from, "valuesKey") ?? "values.yaml" });
    }
    refs.push(...existingSecretReferences(at(doc, "spec", "values"), "spec.values", releaseNamespace));
  }
  if (isFluxKustomization(doc)) {
    for (const [i, from] of listOf(at(doc, "spec", "postBuild", "substituteFrom")).entries()) {
      const name = textAt(from, "name");
      const refKind = textAt(from, "kind");
      if (name === undefined || at(from, "optional") === true || (refKind !== "Secret" && refKind !== "ConfigMap")) continue;
      refs.push({ field: `spec.postBuild.substituteFrom[${i}]`, groupKind: core(refKind), namespace, name });
    }
  }
  return refs;
}

/** The existingSecret-style references of a helmfile release's values (the release namespace). */
export const valuesReferences = (values: unknown, namespace: string): Reference[] => existingSecretReferences(values, "values", namespace);
