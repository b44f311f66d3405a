import { Kustomization, type IKustomization } from "@kubernetes-models/flux-cd/kustomize.toolkit.fluxcd.io/v1";
import type { HealthCheck, HealthCheckExpr } from "../component/index.js";
import { merge, type DeepPartial } from "../merge/index.js";
import { fluxDefaults } from "./defaults.js";

export type FluxKustomizationSpec = NonNullable<IKustomization["spec"]>;

export interface FluxKustomizationProps {
  readonly name: string;
  readonly namespace: string;
  /** Path inside the Git repository, starting with `./`. */
  readonly path: string;
  readonly targetNamespace?: string;
  readonly dependsOn?: readonly { readonly name: string; readonly namespace: string }[];
  readonly healthChecks?: readonly HealthCheck[];
  readonly healthCheckExprs?: readonly HealthCheckExpr[];
  /** @default false */
  readonly wait?: boolean;
  /** @default "10m" */
  readonly interval?: string;
  /** @default "2m" */
  readonly retryInterval?: string;
  /** @default "5m" */
  readonly timeout?: string;
  /** @default true */
  readonly prune?: boolean;
  /**
   * Decrypt SOPS files with the controller-wide age key: kustomize-controller runs with
   * `--sops-age-secret=sops-age` (see the flux component) and reads that Secret from its own
   * namespace, so no `secretRef` is set here. @default true
   */
  readonly sops?: boolean;
  readonly substitute?: Readonly<Record<string, string>>;
  readonly substituteFrom?: readonly { readonly kind: "ConfigMap" | "Secret"; readonly name: string; readonly optional?: boolean }[];
  /** Kustomize Components, relative to `path`. */
  readonly components?: readonly string[];
  readonly labels?: Readonly<Record<string, string>>;
  readonly spec?: DeepPartial<FluxKustomizationSpec>;
}

/** A Flux Kustomization (kustomize.toolkit.fluxcd.io/v1) reconciling one folder of the repository. */
export function fluxKustomization(props: FluxKustomizationProps): Kustomization {
  const postBuild =
    props.substitute || props.substituteFrom
      ? {
          ...(props.substitute ? { substitute: { ...props.substitute } } : {}),
          ...(props.substituteFrom ? { substituteFrom: props.substituteFrom.map((s) => ({ ...s })) } : {}),
        }
      : undefined;
  const spec: FluxKustomizationSpec = {
    interval: props.interval ?? fluxDefaults.kustomizationInterval,
    retryInterval: props.retryInterval ?? fluxDefaults.retryInterval,
    timeout: props.timeout ?? fluxDefaults.timeout,
    path: props.path,
    prune: props.prune ?? true,
    wait: props.wait ?? false,
    sourceRef: { ...fluxDefaults.gitRepository },
    ...(props.targetNamespace ? { targetNamespace: props.targetNamespace } : {}),
    ...(props.dependsOn?.length ? { dependsOn: props.dependsOn.map((d) => ({ name: d.name, namespace: d.namespace })) } : {}),
    ...(props.healthChecks?.length ? { healthChecks: props.healthChecks.map((h) => ({ ...h })) } : {}),
    ...(props.healthCheckExprs?.length ? { healthCheckExprs: props.healthCheckExprs.map((h) => ({ ...h })) } : {}),
    // No secretRef: kustomize-controller reads a `secretRef` Secret from the Kustomization's own
    // namespace (internal/decryptor/decryptor.go ImportKeys, v1.9.4: `Namespace:
    // d.kustomization.GetNamespace()`), while the bootstrap creates `sops-age` only in flux-system.
    // Without secretRef it falls back to the `--sops-age-secret` Secret in its runtime namespace.
    ...((props.sops ?? true) ? { decryption: { provider: "sops" } } : {}),
    ...(postBuild ? { postBuild } : {}),
    ...(props.components?.length ? { components: [...props.components] } : {}),
  };
  return new Kustomization({
    metadata: { name: props.name, namespace: props.namespace, ...(props.labels ? { labels: { ...props.labels } } : {}) },
    spec: merge<FluxKustomizationSpec>(spec, props.spec),
  });
}
