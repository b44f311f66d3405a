import { certManager } from "@k8s-gitops/components/cert-manager";
import { coredns } from "@k8s-gitops/components/coredns";
import { externalSecrets, onePasswordConnect, secretStoreRef } from "@k8s-gitops/components/external-secrets";
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
  return {
    coredns: coredns(context),
    externalSecrets: eso,
    onePasswordConnect: connect,
    certManager: certManager(context, { secretStore: secretStoreRef(connect) }),
    metricsServer: metricsServer(context),
    reloader: reloader(context),
    ...(options.spegel === false ? {} : { spegel: spegel(context) }),
  };
}
