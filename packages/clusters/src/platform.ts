import { certManager } from "@k8s-gitops/components/cert-manager";
import { cilium } from "@k8s-gitops/components/cilium";
import { coredns } from "@k8s-gitops/components/coredns";
import { externalSecrets, onePasswordConnect, secretStoreRef } from "@k8s-gitops/components/external-secrets";
import { gatewayApiCrds } from "@k8s-gitops/components/gateway-api";
import { metricsServer } from "@k8s-gitops/components/metrics-server";
import { reloader } from "@k8s-gitops/components/reloader";
import { spegel } from "@k8s-gitops/components/spegel";
import { ref, type ClusterContext } from "@k8s-gitops/core";

export interface PlatformOptions {
  /** Peer-to-peer image mirror between the nodes. @default true */
  readonly spegel?: boolean;
}

/**
 * What every cluster runs: networking, DNS, secrets, certificates and the cluster add-ons.
 * Returned as named values so the cluster definitions can reference them with `ref()`.
 */
export function platform(context: ClusterContext, options: PlatformOptions = {}) {
  const eso = externalSecrets(context);
  const connect = onePasswordConnect(context, { externalSecrets: ref(eso) });
  const crds = gatewayApiCrds(context);
  const certs = certManager(context, { secretStore: secretStoreRef(connect) });
  return {
    gatewayApiCrds: crds,
    cilium: cilium(context, { gatewayApiCrds: ref(crds), certManagerIssuers: ref(certs, "issuers") }),
    coredns: coredns(context),
    externalSecrets: eso,
    onePasswordConnect: connect,
    certManager: certs,
    metricsServer: metricsServer(context),
    reloader: reloader(context),
    ...(options.spegel === false ? {} : { spegel: spegel(context) }),
  };
}
