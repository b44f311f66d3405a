export { buildInputFiles, buildInputs, isRemote, type TreeEntry } from "./build-inputs.js";
export { buildCacheKey, kubectlVersion, parseBuildOutput } from "./build-cache.js";

/** A `kustomization.yaml` (kustomize.config.k8s.io/v1beta1). Plain data: it has no model class. */
export interface KustomizeFile {
  readonly apiVersion: "kustomize.config.k8s.io/v1beta1";
  readonly kind: "Kustomization";
  readonly namespace?: string;
  readonly resources?: readonly string[];
  readonly components?: readonly string[];
  readonly patches?: readonly KustomizePatch[];
  readonly labels?: readonly { readonly pairs: Readonly<Record<string, string>>; readonly includeSelectors?: boolean }[];
}

/** A kustomize `Component` (kustomize.config.k8s.io/v1alpha1): reusable resources + patches. */
export interface KustomizeComponentFile {
  readonly apiVersion: "kustomize.config.k8s.io/v1alpha1";
  readonly kind: "Component";
  readonly resources?: readonly string[];
  readonly patches?: readonly KustomizePatch[];
}

export interface KustomizePatch {
  readonly target?: Readonly<Record<string, string>>;
  readonly patch: string;
}

type Optional<T> = { -readonly [K in keyof T]?: T[K] };

function compact<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)),
  ) as T;
}

export function kustomization(props: Optional<Omit<KustomizeFile, "apiVersion" | "kind">> = {}): KustomizeFile {
  return compact({ apiVersion: "kustomize.config.k8s.io/v1beta1", kind: "Kustomization", ...props }) as KustomizeFile;
}

export function kustomizeComponent(props: Optional<Omit<KustomizeComponentFile, "apiVersion" | "kind">> = {}): KustomizeComponentFile {
  return compact({ apiVersion: "kustomize.config.k8s.io/v1alpha1", kind: "Component", ...props }) as KustomizeComponentFile;
}
