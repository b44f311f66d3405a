import { parse } from "yaml";
import { at, isObject, kindOf, nameOf, namespaceOf, textAt } from "../objects.js";
import {
  bucketClaimConfigMapKeys,
  bucketClaimSecretKeys,
  certificateSecretKeys,
  ciliumOperatorCrds,
  cnpgSecrets,
  crdDocument,
  fluxControllerCrds,
  objectUserSecret,
  objectUserSecretKeys,
} from "./catalog.js";
import { groupOfDoc } from "./keys.js";

const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Keys a Secret or ConfigMap will hold; `any` when the controller decides at run time (e.g. `dataFrom`). */
export type Keys = readonly string[] | "any";

/** An object a controller creates at run time because of another object, with the keys it writes. */
export interface MadeObject {
  readonly doc: unknown;
  readonly keys?: Keys;
  /** `<Kind ns/name> (<controller>)`, for messages. */
  readonly by: string;
}

const secret = (namespace: string, name: string): unknown => ({ apiVersion: "v1", kind: "Secret", metadata: { name, namespace } });
const configMap = (namespace: string, name: string): unknown => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace } });

/** The FluxInstance spec of a FluxInstance object, or of a flux-instance chart release's `instance` values. */
export function fluxInstanceSpec(doc: unknown, values?: unknown): unknown {
  if (kindOf(doc) === "FluxInstance" && groupOfDoc(doc) === "fluxcd.controlplane.io") return at(doc, "spec");
  const instance = at(values ?? at(doc, "spec", "values"), "instance");
  return isObject(instance) && isObject(instance["sync"]) ? instance : undefined;
}

/**
 * The ExternalSecret's target Secret and its keys (external-secrets
 * pkg/controllers/externalsecret/externalsecret_controller.go: `target.name` defaults to the
 * ExternalSecret's name; with `target.template.data` the template decides the keys (mergePolicy
 * Replace), otherwise `data[].secretKey` plus whatever `dataFrom` returns).
 */
function externalSecretTarget(doc: unknown, namespace: string, kindName: string): MadeObject {
  const name = textAt(doc, "spec", "target", "name") ?? nameOf(doc);
  const template = at(doc, "spec", "target", "template");
  const templateData = at(template, "data");
  const mergePolicy = textAt(template, "mergePolicy") ?? "Replace";
  const dataKeys = listOf(at(doc, "spec", "data")).map((d) => textAt(d, "secretKey") ?? "");
  const fromAny = listOf(at(doc, "spec", "dataFrom")).length > 0 || listOf(at(template, "templateFrom")).length > 0;
  let keys: Keys;
  if (isObject(templateData) && mergePolicy === "Replace") keys = listOf(at(template, "templateFrom")).length > 0 ? "any" : Object.keys(templateData);
  else keys = fromAny ? "any" : [...dataKeys, ...(isObject(templateData) ? Object.keys(templateData) : [])];
  return { doc: secret(namespace, name), keys, by: `${kindName} (external-secrets)` };
}

/**
 * What controllers create because `doc` exists: the Secrets of ExternalSecrets, Certificates,
 * ObjectBucketClaims, CephObjectStoreUsers and CloudNativePG Clusters; the Flux CRDs of a
 * FluxInstance; the cilium.io CRDs of a Cilium release. `releaseChart` is the chart name when
 * `doc` is a Helm release (HelmRelease or helmfile release) and `values` its values.
 */
export function madeBy(doc: unknown, release?: { readonly chart: string; readonly values: unknown }): MadeObject[] {
  const kind = kindOf(doc);
  const group = groupOfDoc(doc);
  const namespace = namespaceOf(doc) ?? "default";
  const name = nameOf(doc);
  const self = `${kind} ${namespace}/${name}`;
  if (group === "external-secrets.io" && kind === "ExternalSecret") return [externalSecretTarget(doc, namespace, self)];
  if (group === "cert-manager.io" && kind === "Certificate") {
    const secretName = textAt(doc, "spec", "secretName");
    return secretName === undefined ? [] : [{ doc: secret(namespace, secretName), keys: certificateSecretKeys, by: `${self} (cert-manager)` }];
  }
  if (group === "objectbucket.io" && kind === "ObjectBucketClaim") {
    const by = `${self} (rook bucket provisioner)`;
    return [
      { doc: secret(namespace, name), keys: bucketClaimSecretKeys, by },
      { doc: configMap(namespace, name), keys: bucketClaimConfigMapKeys, by },
    ];
  }
  if (group === "ceph.rook.io" && kind === "CephObjectStoreUser") {
    const store = textAt(doc, "spec", "store") ?? "";
    return [{ doc: secret(namespace, objectUserSecret(store, name)), keys: objectUserSecretKeys, by: `${self} (rook)` }];
  }
  if (group === "postgresql.cnpg.io" && kind === "Cluster") {
    return cnpgSecrets(name).map((s) => ({ doc: secret(namespace, s.name), keys: s.keys ?? "any", by: `${self} (CloudNativePG)` }));
  }
  const certgen = certgenSecrets(doc);
  if (certgen.length > 0) return certgen;
  const instance = fluxInstanceSpec(doc, release?.values);
  if (instance !== undefined && (release === undefined || release.chart === "flux-instance")) {
    // FluxInstance spec.components defaults to the four core controllers (the CRD's description in
    // the flux-operator chart, templates/crds.yaml).
    const listed = listOf(at(instance, "components")).map(String);
    const components = listed.length > 0 ? listed : ["source-controller", "kustomize-controller", "helm-controller", "notification-controller"];
    return components.flatMap((c) => (fluxControllerCrds[c] ?? []).map((entry) => ({ doc: crdDocument(entry), by: `${self} (Flux Operator: ${c})` })));
  }
  if (release?.chart === "cilium") return ciliumOperatorCrds.map((entry) => ({ doc: crdDocument(entry), by: `${self} (cilium-operator)` }));
  return [];
}

/** The containers of a Job or CronJob's pod template. */
export function jobContainers(doc: unknown): unknown[] {
  if (groupOfDoc(doc) !== "batch") return [];
  const spec = kindOf(doc) === "CronJob" ? at(doc, "spec", "jobTemplate", "spec", "template", "spec") : kindOf(doc) === "Job" ? at(doc, "spec", "template", "spec") : undefined;
  return listOf(at(spec, "containers"));
}

/**
 * The Secrets Cilium's certgen Job writes: every `certs[]` entry of its `CILIUM_CERTGEN_CONFIG`
 * (cilium/certgen internal/generate: a kubernetes.io/tls Secret with ca.crt, tls.crt and tls.key per entry).
 */
function certgenSecrets(doc: unknown): MadeObject[] {
  return jobContainers(doc).flatMap((container) => {
    const config = listOf(at(container, "env")).find((e) => textAt(e, "name") === "CILIUM_CERTGEN_CONFIG");
    const text = textAt(config, "value");
    if (text === undefined) return [];
    return listOf(at(parse(text) as unknown, "certs")).map((cert) => ({
      doc: secret(textAt(cert, "namespace") ?? namespaceOf(doc) ?? "default", textAt(cert, "name") ?? ""),
      keys: certificateSecretKeys,
      by: `${kindOf(doc)} ${namespaceOf(doc) ?? ""}/${nameOf(doc)} (cilium-certgen)`,
    }));
  });
}
