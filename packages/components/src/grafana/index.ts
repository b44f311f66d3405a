import { HTTPRoute } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute";
import {
  defineComponent,
  merge,
  ociChart,
  type ClusterContext,
  type Component,
  type DeepPartial,
  type Ref,
} from "@k8s-gitops/core";
import { gatewayHostname, gatewayRef, storageClassNames } from "@k8s-gitops/core/conventions";
import { serviceUrl, shadowServices, type GlobalServiceRef } from "../clustermesh/index.js";
import { externalSecret } from "../external-secrets/index.js";
import { dashboardValues, datasourceUids, defaultDashboards, type DashboardSet } from "./dashboards.js";
import { oidcSettings, type GrafanaOidc } from "./oidc.js";
import type { GrafanaValues } from "./values.js";

export { dashboardValues, defaultDashboards, type DashboardSet, type DashboardSource } from "./dashboards.js";
export type { GrafanaOidc } from "./oidc.js";
export type { GrafanaValues } from "./values.js";

/** The grafana chart, moved to grafana-community in 2026-01 (same chart, new home). */
export const chart = ociChart("oci://ghcr.io/grafana-community/helm-charts/grafana", "12.11.1");

export type GrafanaStage = "app";

export { datasourceUids } from "./dashboards.js";

export interface GrafanaProps {
  /** The metrics query endpoint: `victoriaMetrics(...).endpoints.query`. */
  readonly metrics: GlobalServiceRef;
  /** The logs query endpoint: `victoriaLogs(...).endpoints.query`. */
  readonly logs: GlobalServiceRef;
  /** The component providing the ClusterSecretStore (admin credentials). @default no dependency */
  readonly secretStore?: Ref;
  /** The storage provider (Rook-Ceph cluster) for the database volume. @default no dependency */
  readonly storage?: Ref;
  /** Host name under the internal domain. @default "grafana" */
  readonly host?: string;
  /** 1Password item with fields `username` and `password`. @default "grafana" */
  readonly adminItem?: string;
  /** @default {@link defaultDashboards} */
  readonly dashboards?: DashboardSet;
  /** Single sign-on through Keycloak. @default none (local admin only) */
  readonly oidc?: GrafanaOidc;
  /** Deep-merged over the defaults: objects merge, arrays replace, null deletes. */
  readonly values?: DeepPartial<GrafanaValues>;
}

const adminSecret = { name: "grafana-admin", userKey: "admin-user", passwordKey: "admin-password" } as const;

/**
 * Grafana on the internal Gateway, with VictoriaMetrics (Prometheus API) and VictoriaLogs as data
 * sources, the platform's dashboards, and every `grafana_dashboard` ConfigMap of the cluster.
 */
export function grafana(context: ClusterContext, props: GrafanaProps): Component<GrafanaStage> {
  const namespace = "observability";
  const hostname = gatewayHostname(context, "internal", props.host ?? "grafana");
  const oidc = props.oidc ? oidcSettings(props.oidc) : undefined;
  const defaults: GrafanaValues = {
    admin: { existingSecret: adminSecret.name, userKey: adminSecret.userKey, passwordKey: adminSecret.passwordKey },
    // One pod owns the ReadWriteOnce volume; a rolling update would wait for it forever.
    deploymentStrategy: { type: "Recreate" },
    persistence: { enabled: true, type: "pvc", storageClassName: storageClassNames.block, size: "5Gi" },
    plugins: ["victoriametrics-logs-datasource"],
    datasources: {
      "datasources.yaml": {
        apiVersion: 1,
        datasources: [
          {
            name: "VictoriaMetrics",
            uid: datasourceUids.metrics,
            type: "prometheus",
            access: "proxy",
            url: serviceUrl(props.metrics),
            isDefault: true,
            jsonData: { prometheusType: "Prometheus", timeInterval: "30s" },
          },
          { name: "VictoriaLogs", uid: datasourceUids.logs, type: "victoriametrics-logs-datasource", access: "proxy", url: serviceUrl(props.logs) },
        ],
      },
    },
    ...dashboardValues(props.dashboards ?? defaultDashboards, datasourceUids.metrics),
    sidecar: {
      dashboards: {
        enabled: true,
        label: "grafana_dashboard",
        labelValue: "",
        searchNamespace: "ALL",
        // Charts' own dashboards (VictoriaLogs, Fluent Bit, ...) land in one folder.
        provider: { name: "sidecar", folder: "Components" },
      },
    },
    serviceMonitor: { enabled: true },
    "grafana.ini": {
      server: { root_url: `https://${hostname}` },
      analytics: { check_for_updates: false, reporting_enabled: false },
      ...(oidc ? { "auth.generic_oauth": oidc.ini } : {}),
    },
    envValueFrom: oidc ? oidc.env : {},
    resources: { requests: { cpu: "50m", memory: "256Mi" }, limits: { memory: "1Gi" } },
  };
  const values = merge(defaults, props.values);
  const route = new HTTPRoute({
    metadata: { name: "grafana" },
    spec: {
      parentRefs: [{ ...gatewayRef(context, "internal") }],
      hostnames: [hostname],
      // The chart's Service is named after the release and listens on 80.
      rules: [{ backendRefs: [{ name: "grafana", port: 80 }] }],
    },
  });
  return defineComponent({
    name: "grafana",
    namespace,
    area: "infrastructure",
    category: "observability",
    dependsOn: [props.secretStore, props.storage].filter((r): r is Ref => r !== undefined),
    stages: [
      {
        name: "app",
        releases: [{ name: "grafana", chart, values }],
        resources: [
          externalSecret({ name: adminSecret.name, item: props.adminItem ?? "grafana", keys: { [adminSecret.userKey]: "username", [adminSecret.passwordKey]: "password" } }),
          ...(oidc ? [oidc.secret] : []),
          route,
          ...shadowServices(context, namespace, [props.metrics, props.logs]),
        ],
      },
    ],
  });
}
export * from "./flows.js";
export { grafanaMonitoring } from "./alerts.js";
