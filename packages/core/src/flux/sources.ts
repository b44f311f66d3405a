import { HelmRepository, OCIRepository } from "@kubernetes-models/flux-cd/source.toolkit.fluxcd.io/v1";
import type { ChartSource } from "./chart.js";
import { fluxDefaults } from "./defaults.js";

/** The OCIRepository or HelmRepository a HelmRelease pulls its chart from. */
export function chartSource(name: string, chart: ChartSource): OCIRepository | HelmRepository {
  if (chart.type === "oci") {
    return new OCIRepository({
      metadata: { name },
      spec: {
        interval: fluxDefaults.sourceInterval,
        layerSelector: { mediaType: "application/vnd.cncf.helm.chart.content.v1.tar+gzip", operation: "copy" },
        ref: { tag: chart.version },
        url: chart.url,
        ...(chart.cosign ? { verify: { provider: "cosign" } } : {}),
      },
    });
  }
  return new HelmRepository({
    metadata: { name: chart.repositoryName },
    spec: { interval: fluxDefaults.repositoryInterval, url: chart.repository },
  });
}
