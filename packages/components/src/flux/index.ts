import {
  checkGitPath,
  defaultGitPath,
  defineComponent,
  fluxDefaults,
  layout,
  merge,
  ociChart,
  repoPath,
  type ClusterContext,
  type Component,
  type DeepPartial,
  type Ref,
} from "@k8s-gitops/core";
import { clusterDomain } from "@k8s-gitops/core/conventions";
import { controllerTuningPatches, sopsAgeSecretPatch, sopsDecryptionPatch } from "./patches.js";
import { defaultOperatorValues, fluxControllers, fluxDistribution, type FluxInstanceValues, type FluxOperatorValues } from "./values.js";

export { fluxInstanceManifest, fluxInstanceName } from "./instance-manifest.js";
export { controllerTuningPatches, sopsAgeSecretPatch, sopsDecryptionPatch } from "./patches.js";
export { fluxGitSecret } from "./secrets.js";
export type { FluxGitSecretProps } from "./secrets.js";
export { fluxControllers, fluxDistribution } from "./values.js";
export type { FluxInstanceValues, FluxOperatorValues, KustomizePatch } from "./values.js";

/** One pin, one place: the Flux sources and the bootstrap helmfile both read them. */
export const operatorChart = ociChart("oci://ghcr.io/controlplaneio-fluxcd/charts/flux-operator", "0.49.0");
export const instanceChart = ociChart("oci://ghcr.io/controlplaneio-fluxcd/charts/flux-instance", "0.49.0");

/** Flux lives here; the sync GitRepository/Kustomization are named after it, as core's Kustomizations expect. */
export const fluxNamespace = fluxDefaults.gitRepository.namespace;

/** How often Flux fetches the repository and reapplies the cluster entry point. */
export const syncInterval = "10m";

export type FluxStage = "app";

export interface FluxOperatorProps {
  /** Deep-merged over the defaults: objects merge, arrays replace, null deletes. */
  readonly values?: DeepPartial<FluxOperatorValues>;
}

/** Flux Operator: installs and upgrades Flux itself from the FluxInstance (see {@link fluxInstance}). */
export function fluxOperator(_context: ClusterContext, props: FluxOperatorProps = {}): Component<FluxStage> {
  const values = merge(defaultOperatorValues, props.values);
  return defineComponent({
    name: "flux-operator",
    namespace: fluxNamespace,
    area: "infrastructure",
    category: "flux",
    stages: [{ name: "app", releases: [{ name: "flux-operator", chart: operatorChart, values }], resources: [] }],
  });
}

export interface FluxInstanceProps {
  /** The flux-operator component, whose FluxInstance CRD and controller this release needs. */
  readonly operator: Ref;
  /**
   * Secret with the Git credentials (see {@link fluxGitSecret}); `null` for a public HTTPS repository.
   * @default "flux-system"
   */
  readonly gitSecret?: string | null;
  /** Deep-merged over the defaults: objects merge, arrays replace (e.g. `instance.kustomize.patches`), null deletes. */
  readonly values?: DeepPartial<FluxInstanceValues>;
}

/** The flux-instance values for a cluster: what Flux runs and which path of which repository it syncs. */
export function fluxInstanceValues(context: ClusterContext, props: Omit<FluxInstanceProps, "operator"> = {}): FluxInstanceValues {
  const { name, git } = context.inventory.cluster;
  const gitSecret = props.gitSecret === undefined ? "flux-system" : props.gitSecret;
  const defaults: FluxInstanceValues = {
    instance: {
      distribution: { ...fluxDistribution },
      components: [...fluxControllers],
      // networkPolicy: false: flux-operator would otherwise create Flux's own NetworkPolicies, one of
      // which (allow-egress) admits all egress and all same-namespace ingress in flux-system and,
      // enforced beside the generated CiliumNetworkPolicies, reopens what the default deny closes.
      // The controllers' flows are declared in ./flows.ts instead (fluxInstanceFlows).
      cluster: { type: "kubernetes", domain: clusterDomain, networkPolicy: false, multitenant: false },
      sync: {
        kind: "GitRepository",
        url: git.url,
        ref: `refs/heads/${git.branch}`,
        // The cluster's entry point as core renders it, under the context's gitPath (the same
        // setting core renders every Kustomization's spec.path with); Flux applies the rest from there.
        path: repoPath(checkGitPath(context.gitPath ?? defaultGitPath), layout.clusterEntry(name)),
        interval: syncInterval,
        ...(gitSecret !== null ? { pullSecret: gitSecret } : {}),
      },
      kustomize: {
        patches: [...controllerTuningPatches, sopsAgeSecretPatch(fluxDefaults.sopsSecret), sopsDecryptionPatch(fluxDefaults.gitRepository.name)],
      },
    },
  };
  return merge<FluxInstanceValues>(defaults, props.values);
}

/**
 * The FluxInstance (through the flux-instance chart): Flux 2.9 controllers, syncing
 * `<gitPath>/kubernetes/clusters/<cluster>` of the inventory's repository and branch every 10
 * minutes, decrypting SOPS files with the controller-wide age key in Secret `flux-system/sops-age`.
 */
export function fluxInstance(context: ClusterContext, props: FluxInstanceProps): Component<FluxStage> {
  const values = fluxInstanceValues(context, props);
  return defineComponent({
    name: "flux-instance",
    namespace: fluxNamespace,
    area: "infrastructure",
    category: "flux",
    dependsOn: [props.operator],
    stages: [{ name: "app", releases: [{ name: "flux-instance", chart: instanceChart, values }], resources: [] }],
  });
}
export * from "./flows.js";
export { fluxOperatorMonitoring } from "./alerts.js";
