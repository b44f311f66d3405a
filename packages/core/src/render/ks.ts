import type { Kustomization } from "@kubernetes-models/flux-cd/kustomize.toolkit.fluxcd.io/v1";
import { kustomizationNamespaceOf, stageKustomizationName, type Component, type HealthCheck } from "../component/index.js";
import { fluxKustomization } from "../flux/index.js";
import type { DependsOn } from "./graph.js";
import { stageKey } from "./graph.js";
import { layout, repoPath } from "./layout.js";

/**
 * The Flux Kustomizations of one component (its `ks.yaml`), one per stage. Every HelmRelease
 * of a stage becomes a health check, so dependants wait until the release is really ready.
 */
export function componentKustomizations(
  cluster: string,
  component: Component,
  dependencies: ReadonlyMap<string, readonly DependsOn[]>,
  gitPath: string,
): Kustomization[] {
  return component.stages.map((stage) => {
    const helmReleases: HealthCheck[] = stage.resources
      .filter((r) => r.kind === "HelmRelease")
      .map((r) => ({
        apiVersion: r.apiVersion,
        kind: r.kind,
        name: r.metadata?.name ?? "",
        namespace: r.metadata?.namespace ?? component.namespace,
      }));
    return fluxKustomization({
      name: stageKustomizationName(component, stage.name),
      namespace: kustomizationNamespaceOf(component),
      path: repoPath(gitPath, layout.stage(cluster, component, stage.name)),
      targetNamespace: component.namespace,
      dependsOn: dependencies.get(stageKey(component, stage.name)) ?? [],
      healthChecks: [...helmReleases, ...(stage.healthChecks ?? [])],
      healthCheckExprs: stage.healthCheckExprs ?? [],
      wait: stage.wait ?? false,
      timeout: stage.timeout,
      substitute: stage.substitute,
      labels: { "app.kubernetes.io/name": component.name, "k8s-gitops.io/stage": stage.name },
    });
  });
}
