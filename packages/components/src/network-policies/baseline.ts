import { CiliumNetworkPolicy } from "@kubernetes-models/cilium/cilium.io/v2/CiliumNetworkPolicy";
import type { SharedTree } from "@k8s-gitops/core";
import { kubeDnsLabel } from "@k8s-gitops/core/conventions";

/** Name of the kustomize Component, i.e. `kubernetes/components/network-policy-baseline/`. */
export const baselineComponentName = "network-policy-baseline";

/** Every pod of the namespace the policies land in (the Flux Kustomization's targetNamespace). */
const allEndpoints = {};

const dnsPorts = [
  { port: "53", protocol: "UDP" as const },
  { port: "53", protocol: "TCP" as const },
];

function policy(name: string, spec: NonNullable<CiliumNetworkPolicy["spec"]>): CiliumNetworkPolicy {
  // No namespace: the Flux Kustomization that includes the Component sets it (targetNamespace).
  return new CiliumNetworkPolicy({ metadata: { name: `baseline-${name}` }, spec });
}

/**
 * The baseline for one namespace, as CiliumNetworkPolicies because a standard NetworkPolicy
 * cannot select the API server (host network) while Cilium's `kube-apiserver` entity can.
 *
 * Every rule names its peers. Beware the Cilium pitfall this avoids: an empty rule (`ingress:
 * [{}]`) has no L3 constraint and so allows everything; default deny comes from a policy that
 * selects all pods, has rules in both directions and says `enableDefaultDeny` explicitly.
 */
export function baselinePolicies(): CiliumNetworkPolicy[] {
  return [
    policy("default-deny", {
      description: "Default deny for every pod of the namespace, both directions; only traffic within the namespace is allowed here.",
      endpointSelector: allEndpoints,
      enableDefaultDeny: { ingress: true, egress: true },
      // An empty endpoint selector inside a namespaced policy means "any pod of this namespace".
      ingress: [{ fromEndpoints: [allEndpoints] }],
      egress: [{ toEndpoints: [allEndpoints] }],
    }),
    policy("allow-dns", {
      description: "Allow DNS lookups at the cluster DNS (kube-dns in kube-system), UDP and TCP.",
      endpointSelector: allEndpoints,
      egress: [
        {
          toEndpoints: [{ matchLabels: { "io.kubernetes.pod.namespace": "kube-system", ...kubeDnsLabel } }],
          // The DNS rule routes lookups through Cilium's DNS proxy, which is what lets a
          // namespace's own policies allow egress by name (toFQDNs).
          toPorts: [{ ports: dnsPorts, rules: { dns: [{ matchPattern: "*" }] } }],
        },
      ],
    }),
    policy("allow-to-kube-apiserver", {
      description: "Allow calls to the Kubernetes API server (controllers, leader election, informers).",
      endpointSelector: allEndpoints,
      egress: [{ toEntities: ["kube-apiserver"] }],
    }),
    policy("allow-from-apiserver-and-host", {
      description: "Allow the API server to call webhooks and the local kubelet to run health probes.",
      endpointSelector: allEndpoints,
      ingress: [{ fromEntities: ["kube-apiserver", "host"] }],
    }),
  ];
}

/**
 * The kustomize Component holding the baseline. Cluster-agnostic: every cluster renders it
 * byte for byte the same into `kubernetes/components/network-policy-baseline/`.
 */
export function baselineNetworkPolicyTree(): SharedTree {
  return { type: "component", name: baselineComponentName, resources: baselinePolicies() };
}
