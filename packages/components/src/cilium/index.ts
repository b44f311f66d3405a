import {
  defineComponent,
  merge,
  ociChart,
  type ClusterContext,
  type Component,
  type DeepPartial,
  type Ref,
} from "@k8s-gitops/core";
import { bgpResources } from "./bgp.js";
import { clustermeshCaSecret } from "./clustermesh.js";
import { gatewayCertificate, gatewayNames, httpsRedirect, sharedGateway } from "./gateway.js";
import { loadBalancerPools } from "./load-balancer.js";
import { ciliumValues, type CiliumValues } from "./values.js";

export { advertiseOptOutLabel, bgpNames, bgpResources } from "./bgp.js";
export { clustermeshCa, clustermeshCaBootstrapSecret, clustermeshCaSecret, clustermeshCaVault, clustermeshPort, meshPeers, type MeshPeer } from "./clustermesh.js";
export { coveringCidr } from "./cidr.js";
export {
  certificateIssuer,
  gatewayClassName,
  gatewayDomain,
  gatewayHostname,
  gatewayNames,
  gatewayNamespace,
  gatewayRef,
  type GatewayName,
  type GatewayRef,
} from "./gateway.js";
export { fixedAddress, loadBalancerPools, poolLabel, requestedIPsAnnotation, type FixedAddress } from "./load-balancer.js";
export { ciliumValues, clusterValues, defaultValues, valuesOutsideChartSchema, type CiliumValues } from "./values.js";

/** One pin, one place: the Flux source and the bootstrap helmfile both read it. */
export const chart = ociChart("oci://quay.io/cilium/charts/cilium", "1.20.0");

export type CiliumStage = "app" | "config" | "gateway";

export interface CiliumProps {
  /** cert-manager's ClusterIssuers; the gateway stage waits for them. @default no dependency */
  readonly certManagerIssuers?: Ref;
  /**
   * The Gateway API CRDs. The operator checks for them once, at start-up, and runs no Gateway
   * controller if they are missing, so the release itself (not only the Gateways) waits for them.
   * @default no dependency (the bootstrap installs the CRDs first)
   */
  readonly gatewayApiCrds?: Ref;
  /** Deploy Hubble UI next to Hubble Relay. @default true */
  readonly hubbleUi?: boolean;
  /**
   * Policy audit mode for the whole agent: every network policy is computed and its verdicts are
   * logged (Hubble shows `AUDIT`), nothing is dropped. The rollout path of the generated flow
   * policies: run with `true`, read the audit verdicts, then switch to `false` per cluster.
   * @default false
   */
  readonly policyAuditMode?: boolean;
  /** Deep-merged over the defaults: objects merge, arrays replace, null deletes. */
  readonly values?: DeepPartial<CiliumValues>;
}

/**
 * Cilium as CNI and kube-proxy replacement on Talos, with BGP-advertised LoadBalancer addresses,
 * ClusterMesh to every other cluster of the estate and the two shared Gateways (`internal`,
 * `external`). Stages: `app` (chart + mesh CA), `config` (LB pools, BGP; also applied by the
 * bootstrap right after the release) and `gateway` (Gateways, wildcard certificates, redirect).
 */
export function cilium(context: ClusterContext, props: CiliumProps = {}): Component<CiliumStage> {
  const { inventory } = context;
  const values = ciliumValues(context, merge<DeepPartial<CiliumValues>>({ hubble: { ui: { enabled: props.hubbleUi ?? true } }, policyAuditMode: props.policyAuditMode ?? false }, props.values));
  const crds = props.gatewayApiCrds ? [props.gatewayApiCrds] : [];
  return defineComponent({
    name: "cilium",
    namespace: "kube-system",
    area: "infrastructure",
    category: "network",
    stages: [
      {
        name: "app",
        dependsOn: crds,
        releases: [{ name: "cilium", chart, values }],
        resources: [clustermeshCaSecret(context)],
      },
      {
        name: "config",
        // The Gateways' Services need the pools to get their addresses: Flux waits until every
        // object here is applied and reconciled before the gateway stage starts.
        wait: true,
        resources: [...loadBalancerPools(inventory), ...bgpResources(inventory)],
      },
      {
        name: "gateway",
        dependsOn: [...crds, ...(props.certManagerIssuers ? [props.certManagerIssuers] : [])],
        resources: [
          ...gatewayNames.flatMap((gateway) => [sharedGateway(inventory, gateway), gatewayCertificate(inventory, gateway)]),
          httpsRedirect(gatewayNames),
        ],
      },
    ],
  });
}
export { ciliumMonitoring } from "./alerts.js";
export * from "./flows.js";
