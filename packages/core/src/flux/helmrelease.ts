import { HelmRelease, type IHelmRelease } from "@kubernetes-models/flux-cd/helm.toolkit.fluxcd.io/v2";
import { merge, type DeepPartial } from "../merge/index.js";
import type { ChartSource } from "./chart.js";
import { fluxDefaults } from "./defaults.js";

export type HelmReleaseSpec = IHelmRelease["spec"];

export interface HelmReleaseProps {
  readonly name: string;
  readonly chart: ChartSource;
  /** Helm values, inline, so the bootstrap helmfile can read the very same object. */
  readonly values?: Readonly<Record<string, unknown>>;
  /** Deep-merged over the generated spec. */
  readonly spec?: DeepPartial<NonNullable<HelmReleaseSpec>>;
}

/**
 * A HelmRelease (v2) for a chart from an OCIRepository (`chartRef`) or a HelmRepository
 * (`chart.spec`). CRDs are created and replaced on upgrade, installs retry forever (a fresh
 * cluster converges in any order), upgrades roll back after three failed attempts.
 */
export function helmRelease(props: HelmReleaseProps): HelmRelease {
  const { chart } = props;
  const source =
    chart.type === "oci"
      ? { chartRef: { kind: "OCIRepository" as const, name: props.name } }
      : {
          chart: {
            spec: {
              chart: chart.name,
              version: chart.version,
              sourceRef: { kind: "HelmRepository" as const, name: chart.repositoryName },
              interval: fluxDefaults.repositoryInterval,
            },
          },
        };
  const spec = {
    interval: fluxDefaults.helmReleaseInterval,
    ...source,
    install: { crds: "CreateReplace" as const, remediation: { retries: -1 } },
    upgrade: { cleanupOnFail: true, crds: "CreateReplace" as const, remediation: { retries: 3, strategy: "rollback" as const } },
    ...(props.values && Object.keys(props.values).length > 0 ? { values: props.values } : {}),
  };
  return new HelmRelease({ metadata: { name: props.name }, spec: merge(spec, props.spec as never) as HelmReleaseSpec });
}
