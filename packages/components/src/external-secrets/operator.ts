import {
  defineComponent,
  merge,
  ociChart,
  type ClusterContext,
  type Component,
  type DeepPartial,
} from "@k8s-gitops/core";
import { externalSecretsNamespace } from "./namespace.js";
import { defaultValues, type ExternalSecretsValues } from "./values.js";

/** One pin, one place: the Flux source and the bootstrap helmfile both read it. */
export const chart = ociChart("oci://ghcr.io/external-secrets/charts/external-secrets", "2.9.0");

export type ExternalSecretsStage = "app";

export interface ExternalSecretsProps {
  /** Deep-merged over the defaults: objects merge, arrays replace, null deletes. */
  readonly values?: DeepPartial<ExternalSecretsValues>;
}

/**
 * The External Secrets operator (CRDs, controller, webhook). Stores come from the provider
 * components, e.g. {@link onePasswordConnect}, which wait for this one.
 */
export function externalSecrets(_context: ClusterContext, props: ExternalSecretsProps = {}): Component<ExternalSecretsStage> {
  const values = merge(defaultValues, props.values);
  return defineComponent({
    name: "external-secrets",
    namespace: externalSecretsNamespace,
    area: "infrastructure",
    category: "security",
    stages: [
      {
        name: "app",
        releases: [{ name: "external-secrets", chart, values }],
        resources: [],
      },
    ],
  });
}
