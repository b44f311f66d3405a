import { isIP } from "node:net";
import { CiliumNetworkPolicy } from "@kubernetes-models/cilium/cilium.io/v2/CiliumNetworkPolicy";
import { showValue } from "@k8s-gitops/core";

export type Labels = Readonly<Record<string, string>>;

export interface AllowPort {
  readonly port: number;
  /** @default "TCP" */
  readonly protocol?: "TCP" | "UDP";
}

interface RuleBase {
  /** Names the policy `tenant-allow-<name>`; a DNS label. */
  readonly name: string;
  /** Which of the tenant's pods the rule opens up. @default every pod of the namespace */
  readonly pods?: Labels;
  /** @default every port */
  readonly ports?: readonly AllowPort[];
}

/** Ingress from pods of another namespace (optionally only those with `podLabels`). */
export interface FromNamespaceRule extends RuleBase {
  readonly kind: "fromNamespace";
  readonly namespace: string;
  readonly podLabels?: Labels;
}

/** Egress to pods of another namespace, e.g. a shared Kafka or database. */
export interface ToNamespaceRule extends RuleBase {
  readonly kind: "toNamespace";
  readonly namespace: string;
  readonly podLabels?: Labels;
}

/** Ingress from the Cilium Gateways (their Envoy has the `ingress` identity), for HTTPRoutes. */
export interface FromGatewayRule extends RuleBase {
  readonly kind: "fromGateway";
}

/** Egress to DNS names (`api.example.com`, or patterns such as `*.example.com`). */
export interface ToFqdnRule extends RuleBase {
  readonly kind: "toFQDN";
  readonly names: readonly string[];
}

/** Egress to addresses outside the cluster, e.g. `10.25.11.5/32` (the NAS). */
export interface ToCidrRule extends RuleBase {
  readonly kind: "toCIDR";
  readonly cidrs: readonly string[];
}

/** An extra allowance on top of the baseline's default deny. */
export type TenantAllowRule = FromNamespaceRule | ToNamespaceRule | FromGatewayRule | ToFqdnRule | ToCidrRule;

const dnsLabel = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const fqdn = /^(\*\*\.|\*)?([a-z0-9*]([-a-z0-9*]*[a-z0-9*])?\.)*[a-z0-9*]([-a-z0-9*]*[a-z0-9*])?\.?$/;

function validCidr(value: string): boolean {
  const [address = "", prefix, ...rest] = value.split("/");
  const family = isIP(address);
  if (family === 0 || prefix === undefined || rest.length > 0 || !/^[0-9]{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/** Problems of the rules, as `allow[i].field: reason` lines. */
export function allowProblems(rules: readonly TenantAllowRule[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  rules.forEach((rule, index) => {
    const at = `allow[${index}]`;
    if (!dnsLabel.test(rule.name) || rule.name.length > 50) problems.push(`${at}.name must be a DNS label of at most 50 characters, got ${showValue(rule.name)}`);
    if (seen.has(rule.name)) problems.push(`${at}.name ${showValue(rule.name)} is used twice`);
    seen.add(rule.name);
    for (const [i, p] of (rule.ports ?? []).entries()) {
      if (!Number.isInteger(p.port) || p.port < 1 || p.port > 65535) problems.push(`${at}.ports[${i}].port must be from 1 to 65535, got ${showValue(p.port)}`);
    }
    if (rule.kind === "fromNamespace" || rule.kind === "toNamespace") {
      if (!dnsLabel.test(rule.namespace)) problems.push(`${at}.namespace must be a namespace name, got ${showValue(rule.namespace)}`);
    } else if (rule.kind === "toFQDN") {
      if (rule.names.length === 0) problems.push(`${at}.names must list at least one DNS name`);
      for (const name of rule.names) if (!fqdn.test(name)) problems.push(`${at}.names has ${showValue(name)}, which is not a DNS name or pattern`);
    } else if (rule.kind === "toCIDR") {
      if (rule.cidrs.length === 0) problems.push(`${at}.cidrs must list at least one CIDR`);
      for (const cidr of rule.cidrs) if (!validCidr(cidr)) problems.push(`${at}.cidrs has ${showValue(cidr)}, which is not an address/prefix`);
    }
  });
  return problems;
}

const ports = (rule: RuleBase) =>
  rule.ports?.length ? { toPorts: [{ ports: rule.ports.map((p) => ({ port: String(p.port), protocol: p.protocol ?? ("TCP" as const) })) }] } : {};

const endpointsOf = (namespace: string, podLabels: Labels = {}) => [{ matchLabels: { "io.kubernetes.pod.namespace": namespace, ...podLabels } }];

/**
 * One rule as a CiliumNetworkPolicy that only adds: `enableDefaultDeny` is off in both
 * directions, so the policy never denies anything the baseline (or another rule) allows.
 */
export function allowPolicy(rule: TenantAllowRule): CiliumNetworkPolicy {
  const rules = (() => {
    switch (rule.kind) {
      case "fromNamespace":
        return { ingress: [{ fromEndpoints: endpointsOf(rule.namespace, rule.podLabels), ...ports(rule) }] };
      case "toNamespace":
        return { egress: [{ toEndpoints: endpointsOf(rule.namespace, rule.podLabels), ...ports(rule) }] };
      case "fromGateway":
        return { ingress: [{ fromEntities: ["ingress" as const], ...ports(rule) }] };
      case "toFQDN":
        return { egress: [{ toFQDNs: rule.names.map((name) => (name.includes("*") ? { matchPattern: name } : { matchName: name })), ...ports(rule) }] };
      case "toCIDR":
        return { egress: [{ toCIDR: [...rule.cidrs], ...ports(rule) }] };
    }
  })();
  return new CiliumNetworkPolicy({
    metadata: { name: `tenant-allow-${rule.name}` },
    spec: {
      description: `Tenant allowance ${rule.name} (${rule.kind}).`,
      endpointSelector: rule.pods ? { matchLabels: { ...rule.pods } } : {},
      enableDefaultDeny: { ingress: false, egress: false },
      ...rules,
    },
  });
}
