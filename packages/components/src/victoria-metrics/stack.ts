import { defineComponent, type ClusterContext, type Component, type DeepPartial, type Ref } from "@k8s-gitops/core";
import { storageClassNames } from "@k8s-gitops/core/conventions";
import type { GlobalServiceRef } from "../clustermesh/index.js";
import { alertingResources } from "./alerting.js";
import { observabilityNamespace } from "./charts.js";
import { vmApiVersion, type VMAlertmanagerSpec, type VMAlertSpec, type VMSingleSpec } from "./crd-types.js";
import { type ComponentMonitoring, monitoringResources } from "./monitoring.js";
import { allRuleFamilies, ruleFamilies, type RuleFamily, type VMRule } from "./rules/index.js";
import { defaultPort, defaultRetention, defaultStorageSize, vmSingle, vmSingleService } from "./single.js";

export type VictoriaMetricsStage = "app";

export interface VictoriaMetricsProps {
  /** The operator component: its webhook validates these objects, so they wait for it. @default no dependency */
  readonly operator?: Ref;
  /** The storage provider (Rook-Ceph cluster) the volumes need. @default no dependency */
  readonly storage?: Ref;
  /** The component providing the ClusterSecretStore (alert receiver URL). @default no dependency */
  readonly secretStore?: Ref;
  /** Name of the VMSingle; its Service is `vmsingle-<name>`. @default "victoria-metrics" */
  readonly name?: string;
  /** HTTP port of the VMSingle and its Service. @default 8428 */
  readonly port?: number;
  /** How long samples are kept. @default "30d" */
  readonly retention?: string;
  /** @default "ceph-block" */
  readonly storageClass?: string;
  /** Size of the VMSingle volume (see the estimate in single.ts). @default "50Gi" */
  readonly storageSize?: string;
  /** The rule families to ship. @default every family of {@link ruleFamilies} */
  readonly ruleFamilies?: readonly RuleFamily[];
  /** Further VMRules, e.g. built with `vmRule(name, groups)`. @default none */
  readonly rules?: readonly VMRule[];
  /**
   * The alert rules and dashboards of the estate's components (every cluster's: this store holds
   * all their metrics), each built by its component with `componentMonitoring`. @default none
   */
  readonly monitoring?: readonly ComponentMonitoring[];
  /** 1Password item holding the alert receiver URL (field `webhook-url`). @default "alertmanager" */
  readonly alertReceiverItem?: string;
  /** Deep-merged over the generated specs. */
  readonly specs?: {
    readonly single?: DeepPartial<VMSingleSpec>;
    readonly alert?: DeepPartial<VMAlertSpec>;
    readonly alertmanager?: DeepPartial<VMAlertmanagerSpec>;
  };
}

/** Where the other components find the metrics store, on whichever cluster they run. */
export interface VictoriaMetricsEndpoints {
  /** Prometheus remote-write endpoint (`/api/v1/write`) for vmagents. */
  readonly remoteWrite: GlobalServiceRef;
  /** Prometheus-compatible query API root, for Grafana and vmalert. */
  readonly query: GlobalServiceRef;
}

export type VictoriaMetricsComponent = Component<VictoriaMetricsStage> & { readonly endpoints: VictoriaMetricsEndpoints };

/**
 * The metrics store and alerting of the estate, on the infra cluster: VMSingle (global
 * ClusterMesh Service), vmalert, Alertmanager and the rule families. Its `endpoints` are what
 * every cluster's {@link metricsAgent} and Grafana take as props.
 */
export function victoriaMetrics(context: ClusterContext, props: VictoriaMetricsProps = {}): VictoriaMetricsComponent {
  const namespace = observabilityNamespace;
  const name = props.name ?? "victoria-metrics";
  const port = props.port ?? defaultPort;
  const storageClass = props.storageClass ?? storageClassNames.block;
  const single = vmSingle(context, {
    name,
    namespace,
    port,
    retention: props.retention ?? defaultRetention,
    storageClass,
    storageSize: props.storageSize ?? defaultStorageSize,
    spec: props.specs?.single,
  });
  const service = vmSingleService(context, { name, namespace, port });
  const alerting = alertingResources(namespace, {
    storage: service,
    storageClass,
    receiverItem: props.alertReceiverItem ?? "alertmanager",
    alert: props.specs?.alert,
    alertmanager: props.specs?.alertmanager,
  });
  // A family a component's monitoring carries (componentMonitoring `families`) ships inside that VMRule.
  const carried = new Set((props.monitoring ?? []).flatMap((m) => m.families));
  const families = (props.ruleFamilies ?? allRuleFamilies).filter((family) => !carried.has(family));
  const rules = [...families.map((family) => ruleFamilies[family]()), ...(props.rules ?? [])];
  const dependsOn = [props.operator, props.storage, props.secretStore].filter((r): r is Ref => r !== undefined);
  const component = defineComponent({
    name: "victoria-metrics",
    namespace,
    area: "infrastructure",
    category: "observability",
    dependsOn,
    stages: [
      {
        name: "app",
        resources: [single, ...alerting, ...rules, ...monitoringResources(props.monitoring ?? [])],
        // Dependants (Grafana, the agents) need a running store, not just an applied object.
        healthChecks: [{ apiVersion: vmApiVersion, kind: "VMSingle", name, namespace }],
        healthCheckExprs: [
          { apiVersion: vmApiVersion, kind: "VMSingle", current: "status.updateStatus == 'operational'", failed: "status.updateStatus == 'failed'" },
        ],
      },
    ],
  });
  return { ...component, endpoints: { remoteWrite: { ...service, path: "/api/v1/write" }, query: service } };
}
