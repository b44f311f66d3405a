/** Read-only accessors for parsed Kubernetes objects, which arrive as `unknown` from YAML. */

export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json => value !== null && typeof value === "object" && !Array.isArray(value);

/** The value at a key path, or undefined when any step is missing or not a mapping. */
export function at(value: unknown, ...keys: readonly string[]): unknown {
  let current = value;
  for (const key of keys) {
    if (!isObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

/** A string at a key path, or undefined. */
export function textAt(value: unknown, ...keys: readonly string[]): string | undefined {
  const found = at(value, ...keys);
  return typeof found === "string" ? found : undefined;
}

export const kindOf = (doc: unknown): string => textAt(doc, "kind") ?? "";
export const apiVersionOf = (doc: unknown): string => textAt(doc, "apiVersion") ?? "";
export const nameOf = (doc: unknown): string => textAt(doc, "metadata", "name") ?? "";
export const namespaceOf = (doc: unknown): string | undefined => textAt(doc, "metadata", "namespace");

/** The API group of an apiVersion (`""` for the core group). */
export const groupOf = (apiVersion: string): string => (apiVersion.includes("/") ? apiVersion.slice(0, apiVersion.lastIndexOf("/")) : "");

/** `Kind namespace/name`, or `Kind name` for objects without a namespace, for messages. */
export function describeObject(doc: unknown): string {
  const namespace = namespaceOf(doc);
  return `${kindOf(doc) || "<no kind>"} ${namespace === undefined ? "" : `${namespace}/`}${nameOf(doc) || "<no name>"}`;
}

export const isFluxKustomization = (doc: unknown): boolean =>
  kindOf(doc) === "Kustomization" && groupOf(apiVersionOf(doc)) === "kustomize.toolkit.fluxcd.io";

export const isHelmRelease = (doc: unknown): boolean => kindOf(doc) === "HelmRelease" && groupOf(apiVersionOf(doc)) === "helm.toolkit.fluxcd.io";

/** Kubernetes built-in kinds that are cluster-scoped; kustomize leaves their namespace alone too. */
const clusterScopedBuiltIns = new Set([
  "Namespace",
  "CustomResourceDefinition",
  "ClusterRole",
  "ClusterRoleBinding",
  "StorageClass",
  "PriorityClass",
  "PersistentVolume",
  "APIService",
  "ValidatingWebhookConfiguration",
  "MutatingWebhookConfiguration",
  "ValidatingAdmissionPolicy",
  "ValidatingAdmissionPolicyBinding",
  "CSIDriver",
  "IngressClass",
  "RuntimeClass",
]);

/**
 * The object as Flux applies it under `spec.targetNamespace` (kustomize's namespace transformer):
 * every object but the cluster-scoped built-ins gets that namespace. The input is not modified.
 */
export function inTargetNamespace(doc: unknown, targetNamespace: string | undefined): unknown {
  if (targetNamespace === undefined || !isObject(doc) || clusterScopedBuiltIns.has(kindOf(doc))) return doc;
  const metadata = isObject(doc["metadata"]) ? doc["metadata"] : {};
  return { ...doc, metadata: { ...metadata, namespace: targetNamespace } };
}
