/** Object metadata as components set it; the full type lives in kubernetes-models. */
export interface ResourceMeta {
  readonly name?: string;
  readonly namespace?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
}

/** A kubernetes-models instance: typed, with schema validation. */
export interface ModelResource {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata?: ResourceMeta;
  validate(): void;
  toJSON(): unknown;
}

/**
 * A custom resource that has no kubernetes-models class (Rook, Keycloak, VictoriaMetrics...).
 * It is validated strictly against the CRD schema in tests instead of at render time.
 */
export interface PlainResource {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: ResourceMeta;
  readonly [field: string]: unknown;
}

export type Resource = ModelResource | PlainResource;

export function isModelResource(resource: Resource): resource is ModelResource {
  return typeof (resource as ModelResource).validate === "function";
}

export function resourceName(resource: Resource): string {
  return resource.metadata?.name ?? "";
}

/** `Kind namespace/name` or `Kind name`, the way errors and diffs name a resource. */
export function describeResource(resource: Pick<Resource, "kind" | "metadata">): string {
  const { name = "<unnamed>", namespace } = resource.metadata ?? {};
  return `${resource.kind} ${namespace ? `${namespace}/` : ""}${name}`;
}
