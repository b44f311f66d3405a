import type { ExternalSecret } from "@kubernetes-models/external-secrets/external-secrets.io/v1/ExternalSecret";
import { merge, type DeepPartial } from "@k8s-gitops/core";
import { serviceUrl, type GlobalServiceRef } from "../clustermesh/index.js";
import { externalSecret } from "../external-secrets/index.js";
import {
  vmResource,
  type VMAlertmanagerConfigSpec,
  type VMAlertmanagerSpec,
  type VMAlertSpec,
  type VMResource,
} from "./crd-types.js";

export type VMAlert = VMResource<"VMAlert", VMAlertSpec>;
export type VMAlertmanager = VMResource<"VMAlertmanager", VMAlertmanagerSpec>;
export type VMAlertmanagerConfig = VMResource<"VMAlertmanagerConfig", VMAlertmanagerConfigSpec>;

/** The Secret the alert receiver's URL lands in, and the 1Password field it comes from. */
export const receiverSecret = { name: "alertmanager-receiver", key: "webhook-url" } as const;

export interface AlertingOptions {
  /** The VMSingle Service: vmalert queries it, and writes alert state and recording rules to it. */
  readonly storage: GlobalServiceRef;
  readonly storageClass: string;
  /** 1Password item with field `webhook-url` (ntfy, Pushover via webhook, ...). */
  readonly receiverItem: string;
  readonly alert?: DeepPartial<VMAlertSpec>;
  readonly alertmanager?: DeepPartial<VMAlertmanagerSpec>;
}

const alertmanagerName = "alertmanager";
const alertmanagerPort = 9093;
const groupBy = ["alertname", "cluster", "namespace"];

/**
 * The skeleton Alertmanager starts with: everything goes nowhere unless a VMAlertmanagerConfig
 * routes it, and a critical alert silences the warning of the same name. JSON is YAML, and the
 * operator merges the VMAlertmanagerConfigs into this configuration.
 */
const baseConfig = {
  route: { receiver: "blackhole", group_by: groupBy },
  inhibit_rules: [{ source_matchers: ['severity="critical"'], target_matchers: ['severity="warning"'], equal: groupBy }],
  receivers: [{ name: "blackhole" }],
};

/**
 * vmalert (evaluates every VMRule of every namespace against the VMSingle), Alertmanager, its
 * routing as a VMAlertmanagerConfig, and the receiver URL from 1Password. No secret value is
 * ever part of the generated files.
 */
export function alertingResources(namespace: string, options: AlertingOptions): [VMAlert, VMAlertmanager, VMAlertmanagerConfig, ExternalSecret] {
  const storageUrl = serviceUrl(options.storage);
  const alertmanagerUrl = serviceUrl({ cluster: options.storage.cluster, namespace, name: `vmalertmanager-${alertmanagerName}`, port: alertmanagerPort });
  const alert: VMAlertSpec = {
    datasource: { url: storageUrl },
    remoteWrite: { url: storageUrl },
    remoteRead: { url: storageUrl },
    notifiers: [{ url: alertmanagerUrl }],
    evaluationInterval: "1m",
    selectAllByDefault: true,
    ruleSelector: {},
    ruleNamespaceSelector: {},
    resources: { requests: { cpu: "50m", memory: "128Mi" }, limits: { memory: "512Mi" } },
  };
  const alertmanager: VMAlertmanagerSpec = {
    replicaCount: 1,
    configRawYaml: `${JSON.stringify(baseConfig, null, 2)}\n`,
    // Only VMAlertmanagerConfigs of its own namespace, applied to every alert (no namespace
    // matcher): alert routing is the platform's, not each tenant's.
    configSelector: {},
    disableNamespaceMatcher: true,
    storage: {
      volumeClaimTemplate: {
        spec: { storageClassName: options.storageClass, accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
      },
    },
    resources: { requests: { cpu: "10m", memory: "64Mi" }, limits: { memory: "256Mi" } },
  };
  const routing: VMAlertmanagerConfigSpec = {
    route: {
      receiver: "webhook",
      group_by: groupBy,
      group_wait: "30s",
      group_interval: "5m",
      repeat_interval: "12h",
      routes: [{ receiver: "blackhole", matchers: ['severity="info"'] }],
    },
    receivers: [
      { name: "webhook", webhook_configs: [{ url_secret: { name: receiverSecret.name, key: receiverSecret.key }, send_resolved: true }] },
      { name: "blackhole" },
    ],
  };
  return [
    vmResource("VMAlert", { name: "vmalert" }, merge<VMAlertSpec>(alert, options.alert)),
    vmResource("VMAlertmanager", { name: alertmanagerName }, merge<VMAlertmanagerSpec>(alertmanager, options.alertmanager)),
    vmResource("VMAlertmanagerConfig", { name: "default" }, routing),
    externalSecret({ name: receiverSecret.name, item: options.receiverItem, keys: [receiverSecret.key] }),
  ];
}
