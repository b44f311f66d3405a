import {
  defineComponent,
  merge,
  ociChart,
  type ClusterContext,
  type Component,
  type DeepPartial,
  type Ref,
} from "@k8s-gitops/core";
import { podDisruptionBudget } from "../disruption/index.js";
import { defaultPluginValues, defaultValues, type BarmanCloudValues, type CloudnativePgValues } from "./values.js";

/** One pin, one place: the Flux source and the bootstrap helmfile both read it. Signed by upstream. */
export const chart = ociChart("oci://ghcr.io/cloudnative-pg/charts/cloudnative-pg", "0.29.0", { cosign: true });

/** The barman-cloud CNPG-I plugin: WAL archiving and base backups to object storage. */
export const pluginChart = ociChart("oci://ghcr.io/cloudnative-pg/charts/plugin-barman-cloud", "0.7.0");

/** Name of the cluster-agnostic base holding the operator release (`kubernetes/bases/cloudnative-pg`). */
export const operatorBase = "cloudnative-pg";

/** Where the operator runs; the plugin must share its namespace, because the operator discovers plugins there. */
export const defaultOperatorNamespace = "cnpg-system";

export type CloudnativePgStage = "app" | "barman-cloud";

export interface CloudnativePgProps {
  /** @default "cnpg-system" */
  readonly namespace?: string;
  /**
   * Deep-merged over the operator chart defaults. The release lives in a base shared by every
   * cluster, so an override here must be the same on every cluster that runs the operator.
   */
  readonly values?: DeepPartial<CloudnativePgValues>;
  /** Deep-merged over the barman-cloud plugin chart defaults. */
  readonly pluginValues?: DeepPartial<BarmanCloudValues>;
  /**
   * cert-manager: the plugin's chart issues its own mTLS certificates through a cert-manager
   * Issuer, so the plugin stage waits for it. @default no dependency (cert-manager assumed present)
   */
  readonly certManager?: Ref;
}

/**
 * The CloudNativePG operator (a reusable base, identical on every cluster) followed by the
 * barman-cloud plugin in the operator's namespace. Postgres clusters depend on the whole
 * component (`ref(operator)`), i.e. on the plugin stage, so backups can work from the first minute.
 */
export function cloudnativePg(_context: ClusterContext, props: CloudnativePgProps = {}): Component<CloudnativePgStage> {
  const namespace = props.namespace ?? defaultOperatorNamespace;
  const values = merge(defaultValues, props.values);
  const pluginValues = merge(defaultPluginValues, props.pluginValues);
  return defineComponent({
    name: "cloudnative-pg",
    namespace,
    area: "infrastructure",
    category: "databases",
    shared: [
      {
        type: "base",
        name: operatorBase,
        releases: [{ name: "cloudnative-pg", chart, values }],
        resources: [
          // The chart has no budget; its Deployment selects the chart's selector labels (templates/_helpers.tpl, cloudnative-pg.selectorLabels).
          ...((values.replicaCount ?? 1) > 1
            ? [podDisruptionBudget({ name: "cloudnative-pg", matchLabels: { "app.kubernetes.io/name": "cloudnative-pg", "app.kubernetes.io/instance": "cloudnative-pg" } })]
            : []),
        ],
      },
    ],
    stages: [
      {
        name: "app",
        resources: [],
        bases: [operatorBase],
        // The release comes from the base, which the renderer does not scan for health checks.
        healthChecks: [{ apiVersion: "helm.toolkit.fluxcd.io/v2", kind: "HelmRelease", name: "cloudnative-pg", namespace }],
      },
      {
        name: "barman-cloud",
        dependsOn: props.certManager ? [props.certManager] : [],
        releases: [{ name: "plugin-barman-cloud", chart: pluginChart, values: pluginValues }],
        resources: [],
      },
    ],
  });
}
