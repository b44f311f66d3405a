import { UserError, showValue } from "../errors/index.js";
import type { Release } from "../flux/release.js";
import type { Resource } from "./resource.js";

/** Top-level folder of `kubernetes/` a component belongs to. */
export type Area = "infrastructure" | "workloads";

/**
 * A typed reference to another component (optionally one of its stages). Rendering turns it
 * into a Flux `dependsOn` entry and rejects references to components the cluster does not run.
 * Without a stage it means "the component is fully reconciled", i.e. its last stage.
 */
export interface Ref {
  readonly name: string;
  readonly namespace: string;
  readonly stage?: string;
}

/** Flux health check on a resource the stage creates. */
export interface HealthCheck {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}

/** Flux `healthCheckExprs` entry for custom resources with their own readiness rules. */
export interface HealthCheckExpr {
  readonly apiVersion: string;
  readonly kind: string;
  readonly current: string;
  readonly failed?: string;
  readonly inProgress?: string;
}

/**
 * One Flux Kustomization of a component: a folder (`app/`, `config/`, ...) with its resources.
 * Later stages hold custom resources that need the CRDs or webhooks of earlier ones.
 */
export interface Stage<S extends string = string> {
  readonly name: S;
  /**
   * The stage's Helm releases: render emits each one's chart source and HelmRelease and
   * health-checks it; the bootstrap helmfile and the docs read them as they are.
   * @default []
   */
  readonly releases?: readonly Release[];
  /** Every other object of the stage (a HelmRelease belongs in `releases`). */
  readonly resources: readonly Resource[];
  /** Other components (or stages) this stage needs; the previous stage is implied. */
  readonly dependsOn?: readonly Ref[];
  /** Wait for every applied resource to become ready. @default false (HelmReleases are health-checked) */
  readonly wait?: boolean;
  /** @default "5m" */
  readonly timeout?: string;
  /** Extra health checks besides the stage's HelmReleases, which are always checked. */
  readonly healthChecks?: readonly HealthCheck[];
  readonly healthCheckExprs?: readonly HealthCheckExpr[];
  /** Names of kustomize Components under `kubernetes/components/` to apply on top. */
  readonly kustomizeComponents?: readonly string[];
  /** Names of cluster-agnostic bases under `kubernetes/bases/` included as resources. */
  readonly bases?: readonly string[];
  /** Flux postBuild variable substitution, e.g. `{ APP: "grafana" }`. */
  readonly substitute?: Readonly<Record<string, string>>;
}

/** A cluster-agnostic tree every cluster that uses it must render identically. */
export interface SharedTree {
  readonly type: "base" | "component";
  readonly name: string;
  /** Helm releases of the tree, as in a stage. @default [] */
  readonly releases?: readonly Release[];
  readonly resources: readonly Resource[];
  /** For kustomize Components: JSON6902/strategic patches applied to the including kustomization. */
  readonly patches?: readonly { readonly target?: Record<string, string>; readonly patch: string }[];
}

/**
 * Something a component makes available to the rest of its cluster, checked where the cluster is
 * built (`@k8s-gitops/core/composition`):
 * - `"cluster-dns"`: serves the `kube-dns` Service at the inventory's `network.clusterDNS`, the
 *   address every kubelet hands to pods (CoreDNS). Talos' own CoreDNS is disabled by
 *   `@k8s-gitops/talos`, so a cluster needs exactly one component providing it.
 * - `{ storageClass }`: a StorageClass the component creates other than as a StorageClass object
 *   among its resources (e.g. a chart that creates it). StorageClass objects count on their own.
 */
export type Capability = "cluster-dns" | { readonly storageClass: string };

/** What a component builder returns: typed resources plus where they belong and what they need. */
export interface Component<S extends string = string> {
  /** App name: folder name, HelmRelease name, Flux Kustomization name. */
  readonly name: string;
  readonly namespace: string;
  readonly area: Area;
  /** Folder under the area, e.g. `network`, `security`, `storage`, `observability`. */
  readonly category: string;
  readonly stages: readonly Stage<S>[];
  /** Dependencies of the whole component (attached to its first stage). */
  readonly dependsOn?: readonly Ref[];
  readonly shared?: readonly SharedTree[];
  /**
   * Namespace of the component's Flux Kustomizations. @default the component's namespace.
   * Tenants set `flux-system`: whoever may edit a Kustomization controls what kustomize-controller
   * applies with cluster-wide rights, so it must not live where tenant admins have `edit`.
   */
  readonly kustomizationNamespace?: string;
  /** Labels for the namespace object (e.g. pod security level). */
  readonly namespaceLabels?: Readonly<Record<string, string>>;
  /** What the component makes available to the cluster (see {@link Capability}). @default [] */
  readonly provides?: readonly Capability[];
}

const dnsLabel = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function assertLabel(what: string, value: string, max = 63): void {
  if (!dnsLabel.test(value) || value.length > max) {
    throw new UserError(`${what} must be a DNS label (lowercase letters, digits, '-', at most ${max} characters), got ${showValue(value)}`);
  }
}

/**
 * A HelmRelease is declared as a typed `Release`, never as a plain resource: the bootstrap
 * helmfile, the docs and the health checks read releases, and would silently miss this one.
 */
function assertNoHelmRelease(where: string, resources: readonly Resource[]): void {
  for (const resource of resources) {
    if (resource.kind === "HelmRelease" && resource.apiVersion.startsWith("helm.toolkit.fluxcd.io/")) {
      throw new UserError(`${where}: HelmRelease ${showValue(resource.metadata?.name)} is a plain resource; declare it in the stage's releases`);
    }
  }
}

/** Checks names and stage uniqueness once, where a component is defined, so errors point at it. */
export function defineComponent<const S extends string>(component: Component<S>): Component<S> {
  const where = `component ${showValue(component.name)}`;
  assertLabel(`${where}: name`, component.name, 52);
  assertLabel(`${where}: namespace`, component.namespace);
  assertLabel(`${where}: category`, component.category);
  if (component.stages.length === 0) throw new UserError(`${where}: has no stages`);
  const seen = new Set<string>();
  for (const stage of component.stages) {
    assertLabel(`${where}: stage name`, stage.name, 20);
    if (seen.has(stage.name)) throw new UserError(`${where}: stage ${showValue(stage.name)} is defined twice`);
    seen.add(stage.name);
    assertNoHelmRelease(`${where}, stage ${showValue(stage.name)}`, stage.resources);
  }
  for (const tree of component.shared ?? []) assertNoHelmRelease(`${where}, ${tree.type} ${showValue(tree.name)}`, tree.resources);
  return component;
}

/**
 * A typed reference to a component, or to one of its stages (checked by the compiler).
 * `NoInfer`: the stage names come from the component alone. Inferred from both arguments,
 * `S` would widen to the component's stages plus the misspelt one, and `ref(cilium, "gatewy")`
 * would compile (as it did before). Against a plain `Component` (stages unknown to the type)
 * any name compiles, and render's dependency graph rejects a stage the component lacks.
 */
export function ref<S extends string>(component: Component<S>, stage?: NoInfer<S>): Ref {
  return stage === undefined
    ? { name: component.name, namespace: component.namespace }
    : { name: component.name, namespace: component.namespace, stage };
}

/** Flux Kustomization name of a stage: the app name for the first stage, `<app>-<stage>` after. */
export function stageKustomizationName(component: Pick<Component, "name" | "stages">, stage: string): string {
  return component.stages[0]?.name === stage ? component.name : `${component.name}-${stage}`;
}

/** Where a component's Flux Kustomizations live. */
export function kustomizationNamespaceOf(component: Pick<Component, "namespace" | "kustomizationNamespace">): string {
  return component.kustomizationNamespace ?? component.namespace;
}

export function refKey(target: Ref): string {
  return `${target.namespace}/${target.name}`;
}
