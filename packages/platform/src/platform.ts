import { certManager } from "@k8s-gitops/components/cert-manager";
import { cilium, clustermeshCaBootstrapSecret } from "@k8s-gitops/components/cilium";
import { coredns } from "@k8s-gitops/components/coredns";
import {
  chart as externalSecretsChart,
  externalSecrets,
  onePasswordConnect,
  onePasswordConnectBootstrapSecret,
  secretStoreRef,
} from "@k8s-gitops/components/external-secrets";
import { fluxGitSecret, fluxInstance, fluxOperator } from "@k8s-gitops/components/flux";
import { gatewayApiCrds, gatewayApiRelease, installManifestUrl } from "@k8s-gitops/components/gateway-api";
import { metricsServer } from "@k8s-gitops/components/metrics-server";
import { reloader } from "@k8s-gitops/components/reloader";
import { sopsAgeSecret } from "@k8s-gitops/components/sops";
import { spegel } from "@k8s-gitops/components/spegel";
import { coreRelease, ociChart, ref, type BootstrapPlan, type ClusterContext, type CrdChart } from "@k8s-gitops/core";

export interface PlatformOptions {
  /** Peer-to-peer image mirror between the nodes. @default true */
  readonly spegel?: boolean;
  /**
   * Cilium's policy audit mode, the rollout path of the generated network flows
   * (docs/network-flows.md): a cluster starts with `true` (verdicts logged, nothing dropped), the
   * operator reads the AUDIT verdicts in Hubble, fixes missing flows, then sets `false`.
   * @default false
   */
  readonly policyAuditMode?: boolean;
}

/** CRDs only, for phase 0: every chart's ServiceMonitor/PodMonitor/PrometheusRule must apply before monitoring exists. */
export const prometheusOperatorCrds: CrdChart = {
  name: "prometheus-operator-crds",
  namespace: "observability",
  chart: ociChart("oci://ghcr.io/prometheus-community/charts/prometheus-operator-crds", "29.0.0"),
};

/**
 * What every cluster runs: networking, DNS, secrets, certificates, Flux and the cluster add-ons.
 * Returned as named values so the cluster definitions can reference them with `ref()`.
 */
export function platform(context: ClusterContext, options: PlatformOptions = {}) {
  const eso = externalSecrets(context);
  const connect = onePasswordConnect(context, { externalSecrets: ref(eso) });
  const crds = gatewayApiCrds(context);
  const certs = certManager(context, { secretStore: secretStoreRef(connect) });
  const operator = fluxOperator(context);
  return {
    gatewayApiCrds: crds,
    cilium: cilium(context, {
      gatewayApiCrds: ref(crds),
      certManagerIssuers: ref(certs, "issuers"),
      policyAuditMode: options.policyAuditMode ?? false,
    }),
    coredns: coredns(context),
    ...(options.spegel === false ? {} : { spegel: spegel(context) }),
    certManager: certs,
    externalSecrets: eso,
    onePasswordConnect: connect,
    fluxOperator: operator,
    fluxInstance: fluxInstance(context, { operator: ref(operator) }),
    metricsServer: metricsServer(context),
    reloader: reloader(context),
  };
}

export type Platform = ReturnType<typeof platform>;

/**
 * The phased bootstrap of a cluster: CRDs first (phase 0), then Cilium -> CoreDNS -> (spegel) ->
 * cert-manager -> External Secrets -> 1Password Connect -> flux-operator -> flux-instance (phase 1),
 * the bootstrap Secrets before both. Release values come from the same component values as the
 * HelmReleases Flux reconciles afterwards.
 */
export function platformBootstrap(context: ClusterContext, p: Platform, extraCrds: readonly CrdChart[] = []): BootstrapPlan {
  return {
    crds: [
      { name: "gateway-api", url: installManifestUrl(gatewayApiRelease) },
      prometheusOperatorCrds,
      { name: "external-secrets", namespace: p.externalSecrets.namespace, chart: externalSecretsChart },
      ...extraCrds,
    ],
    core: [
      coreRelease(p.cilium, { postsyncStages: ["config"] }),
      p.coredns,
      ...(p.spegel ? [p.spegel] : []),
      p.certManager,
      p.externalSecrets,
      coreRelease(p.onePasswordConnect, { postsyncStages: ["store"] }),
      p.fluxOperator,
      p.fluxInstance,
    ],
    secrets: [
      sopsAgeSecret(context),
      fluxGitSecret(context),
      onePasswordConnectBootstrapSecret(context),
      clustermeshCaBootstrapSecret(context),
    ],
  };
}
