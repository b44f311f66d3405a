import { apiVersionOf, groupOf, kindOf, nameOf, namespaceOf } from "../objects.js";

export const groupOfDoc = (doc: unknown): string => groupOf(apiVersionOf(doc));

/** `group/Kind` of an object, the way the API server finds its resource. */
export const groupKindOf = (doc: unknown): string => `${groupOfDoc(doc)}/${kindOf(doc)}`;

/** The identity of an object in the twin's state. */
export const objectKey = (groupKind: string, namespace: string | undefined, name: string): string => `${groupKind} ${namespace ?? ""}/${name}`;

export const keyOfDoc = (doc: unknown): string => objectKey(groupKindOf(doc), namespaceOf(doc), nameOf(doc));
