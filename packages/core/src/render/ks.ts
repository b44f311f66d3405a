import { HelmRelease } from "@kubernetes-models/flux-cd/helm.toolkit.fluxcd.io/v2";
import type { Kustomization } from "@kubernetes-models/flux-cd/kustomize.toolkit.fluxcd.io/v1";
import { kustomizationNamespaceOf, stageKustomizationName, type Component, type HealthCheck } from "../component/index.js";
import { fluxKustomization } from "../flux/index.js";
import type { DependsOn } from "./graph.js";
import { stageKey } from "./graph.js";
import { layout, repoPath } from "./layout.js";

const groupOf = (apiVersion: string): string => (apiVersion.includes("/") ? apiVersion.slice(0, apiVersion.lastIndexOf("/")) : "");

/**
 * The Flux Kustomizations of one component (its `ks.yaml`), one per stage. Every release
 * of a stage becomes a health check on its HelmRelease, so dependants wait until the release is really ready.
 * So does every resource of the stage that a `healthCheckExprs` entry describes: kustomize-controller
 * evaluates the expressions only for health-checked objects (internal/controller/
 * kustomization_controller.go checkHealth, v1.9.4: with `wait: false` only `spec.healthChecks` are
 * checked), and matches them by GroupKind (fluxcd/pkg runtime/cel StatusReader.Supports).
 */
export function componentKustomizations(
  cluster: string,
  component: Component,
  dependencies: ReadonlyMap<string, readonly DependsOn[]>,
  gitPath: string,
): Kustomization[] {
  return component.stages.map((stage) => {
    const helmReleases: HealthCheck[] = (stage.releases ?? []).map((release) => ({
      apiVersion: HelmRelease.apiVersion,
      kind: HelmRelease.kind,
      name: release.name,
      namespace: component.namespace,
    }));
    const exprKinds = new Set((stage.healthCheckExprs ?? []).map((e) => `${groupOf(e.apiVersion)}/${e.kind}`));
    const explicit = stage.healthChecks ?? [];
    const key = (h: HealthCheck): string => `${groupOf(h.apiVersion)}/${h.kind} ${h.namespace ?? ""}/${h.name}`;
    const listed = new Set(explicit.map(key));
    const gated: HealthCheck[] = stage.resources
      .filter((r) => exprKinds.has(`${groupOf(r.apiVersion)}/${r.kind}`))
      .map((r) => ({ apiVersion: r.apiVersion, kind: r.kind, name: r.metadata?.name ?? "", namespace: r.metadata?.namespace ?? component.namespace }))
      .filter((h) => !listed.has(key(h)));
    return fluxKustomization({
      name: stageKustomizationName(component, stage.name),
      namespace: kustomizationNamespaceOf(component),
      path: repoPath(gitPath, layout.stage(cluster, component, stage.name)),
      targetNamespace: component.namespace,
      dependsOn: dependencies.get(stageKey(component, stage.name)) ?? [],
      healthChecks: [...helmReleases, ...explicit, ...gated],
      healthCheckExprs: stage.healthCheckExprs ?? [],
      wait: stage.wait ?? false,
      timeout: stage.timeout,
      substitute: stage.substitute,
      labels: { "app.kubernetes.io/name": component.name, "k8s-gitops.io/stage": stage.name },
    });
  });
}
