import { showValue, UserError, type Resource } from "@k8s-gitops/core";
import { ConfigMap } from "kubernetes-models/v1";
import { datasourceUids } from "../grafana/dashboards.js";
import { ruleFamilies, type RuleFamily } from "./rules/index.js";
import { type AlertingRule, type RuleGroup, vmRule, type VMRule } from "./rules/rule.js";

/**
 * The label naming the component a VMRule or dashboard watches. `pnpm verify` reads it: every
 * component whose objects include a scrape (ServiceMonitor, PodMonitor, VMServiceScrape,
 * VMPodScrape) needs a VMRule and a dashboard carrying its name here.
 */
export const componentLabel = "k8s-gitops.io/component";

/** One time-series panel of a component's dashboard. */
export interface Panel {
  readonly title: string;
  /** PromQL (MetricsQL) query; `$cluster` is the dashboard's cluster variable. */
  readonly expr: string;
  /** Grafana unit, e.g. `short`, `bytes`, `s`, `percentunit`. @default "short" */
  readonly unit?: string;
  /** Legend template, e.g. `{{cluster}} {{pod}}`. @default "{{cluster}}" */
  readonly legend?: string;
}

/** What a component's builder declares about watching it: its alert groups and its dashboard panels. */
export interface ComponentMonitoring {
  /** The component's name (its app folder and Flux Kustomization name), e.g. `harbor`. */
  readonly component: string;
  readonly rule: VMRule;
  readonly dashboard: ConfigMap;
  /** Stack rule families whose groups this component's VMRule carries: the hub ships them here, not again on their own. */
  readonly families: readonly RuleFamily[];
}

// Grafana's provisioned metrics data source (grafana/index.ts): a fixed uid, so the dashboard
// needs no data source variable (and no `${...}` that a Flux postBuild substitution would eat).
const datasource = { type: "prometheus", uid: datasourceUids.metrics };

const clusterVariable = {
  name: "cluster",
  type: "query",
  datasource,
  query: "label_values(up, cluster)",
  includeAll: true,
  multi: true,
  refresh: 2,
};

/** Grafana dashboard JSON (schema 39) with a cluster variable and one time-series panel per entry, two per row. */
export function dashboardJson(component: string, title: string, panels: readonly Panel[]): string {
  const dashboard = {
    uid: `k8s-gitops-${component}`.slice(0, 40),
    title,
    tags: ["k8s-gitops", component],
    timezone: "browser",
    schemaVersion: 39,
    editable: false,
    time: { from: "now-6h", to: "now" },
    templating: {
      list: [clusterVariable],
    },
    panels: panels.map((panel, index) => ({
      id: index + 1,
      type: "timeseries",
      title: panel.title,
      datasource,
      gridPos: { h: 8, w: 12, x: (index % 2) * 12, y: Math.floor(index / 2) * 8 },
      fieldConfig: { defaults: { unit: panel.unit ?? "short" }, overrides: [] },
      targets: [{ refId: "A", expr: panel.expr, legendFormat: panel.legend ?? "{{cluster}}" }],
    })),
  };
  return `${JSON.stringify(dashboard, null, 2)}\n`;
}

/**
 * The alert rule every scraped component gets: a scrape target of its namespace has been down
 * for ten minutes (vmagent writes `up` = 0 for every target it cannot scrape, as Prometheus does).
 */
export function targetDownRule(component: string, selector: string): AlertingRule {
  const name = alertPrefix(component);
  return {
    alert: `${name}TargetDown`,
    expr: `max by (cluster, namespace, job, pod) (up{${selector}} == 0)`,
    for: "10m",
    labels: { severity: "warning" },
    annotations: { summary: `${component}: scrape target {{ $labels.job }} ({{ $labels.pod }}) on {{ $labels.cluster }} has been down for 10 minutes` },
  };
}

/** `victoria-metrics-operator` -> `VictoriaMetricsOperator`: the prefix of a component's alert names. */
export const alertPrefix = (component: string): string => component.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());

/**
 * Alerts of a controller built on controller-runtime (CloudNativePG's operator, the flux-operator,
 * the VictoriaMetrics operator): reconciles failing and work queues backing up. Metric names from
 * kubernetes-sigs/controller-runtime pkg/internal/controller/metrics/metrics.go
 * (`controller_runtime_reconcile_errors_total{controller}`) and pkg/metrics/workqueue.go
 * (`workqueue_depth{name}`, registered on the same /metrics endpoint).
 */
export function controllerRuntimeGroup(component: string, selector: string): RuleGroup {
  const name = alertPrefix(component);
  return {
    name: `${component}-controllers`,
    rules: [
      {
        alert: `${name}ReconcileErrors`,
        expr: `sum by (cluster, controller) (rate(controller_runtime_reconcile_errors_total{${selector}}[15m])) > 0.1`,
        for: "30m",
        labels: { severity: "warning" },
        annotations: { summary: `${component}: controller {{ $labels.controller }} on {{ $labels.cluster }} keeps failing to reconcile ({{ $value | humanize }} errors/s)` },
      },
      {
        alert: `${name}WorkQueueBacklog`,
        expr: `max by (cluster, name) (workqueue_depth{${selector}}) > 100`,
        for: "30m",
        labels: { severity: "warning" },
        annotations: { summary: `${component}: work queue {{ $labels.name }} on {{ $labels.cluster }} holds {{ $value }} items for 30 minutes` },
      },
    ],
  };
}

/** Dashboard panels of a controller-runtime controller (see {@link controllerRuntimeGroup}). */
export function controllerRuntimePanels(selector: string): Panel[] {
  return [
    { title: "Reconciles per second", expr: `sum by (cluster, controller) (rate(controller_runtime_reconcile_total{${selector}, cluster=~"$cluster"}[5m]))`, unit: "reqps", legend: "{{cluster}} {{controller}}" },
    { title: "Reconcile errors per second", expr: `sum by (cluster, controller) (rate(controller_runtime_reconcile_errors_total{${selector}, cluster=~"$cluster"}[5m]))`, unit: "reqps", legend: "{{cluster}} {{controller}}" },
    { title: "Work queue depth", expr: `max by (cluster, name) (workqueue_depth{${selector}, cluster=~"$cluster"})`, legend: "{{cluster}} {{name}}" },
  ];
}

export interface ComponentMonitoringProps {
  /** The component's name, e.g. `harbor`. */
  readonly component: string;
  /** Namespace its pods run in (for the target-down alert and the `up` panel). */
  readonly namespace: string;
  /** Label matchers of its scrape targets' `up` series. @default `namespace="<namespace>"` */
  readonly targets?: string;
  /** Dashboard title. @default the component name */
  readonly title?: string;
  /**
   * Stack rule families ({@link ruleFamilies}) this component owns: their groups go into its
   * VMRule (after the target-down group) and the hub no longer ships them as separate VMRules.
   */
  readonly families?: readonly RuleFamily[];
  /** Alert groups besides the target-down group and the families' groups. */
  readonly groups: readonly RuleGroup[];
  /** Panels after the `up` panel. */
  readonly panels: readonly Panel[];
}

/**
 * A component's monitoring: a VMRule `<component>` (target down, then its own groups) and a
 * dashboard ConfigMap `dashboard-<component>` for Grafana's sidecar (label `grafana_dashboard`,
 * searched in every namespace). Both carry {@link componentLabel}. They are placed on the cluster
 * running vmalert and Grafana (the observability hub), which evaluates every cluster's metrics:
 * rules aggregate by the `cluster` label each vmagent adds.
 */
export function componentMonitoring(props: ComponentMonitoringProps): ComponentMonitoring {
  if (props.panels.length === 0) throw new UserError(`componentMonitoring ${showValue(props.component)}: panels: the dashboard needs at least one panel besides "up"`);
  const targets = props.targets ?? `namespace="${props.namespace}"`;
  const families = props.families ?? [];
  const groups: RuleGroup[] = [
    { name: `${props.component}-availability`, rules: [targetDownRule(props.component, targets)] },
    ...families.flatMap((family) => ruleFamilies[family]().spec.groups),
    ...props.groups,
  ];
  const base = vmRule(props.component, groups);
  const labels = { [componentLabel]: props.component };
  const rule: VMRule = { ...base, metadata: { ...base.metadata, labels: { ...(base.metadata.labels ?? {}), ...labels } } };
  const panels: Panel[] = [
    { title: "Scrape targets up", expr: `sum by (cluster, job) (up{${targets}, cluster=~"$cluster"})`, legend: "{{cluster}} {{job}}" },
    ...props.panels,
  ];
  const dashboard = new ConfigMap({
    metadata: { name: `dashboard-${props.component}`, labels: { grafana_dashboard: "1", ...labels } },
    data: { [`${props.component}.json`]: dashboardJson(props.component, props.title ?? props.component, panels) },
  });
  return { component: props.component, rule, dashboard, families };
}

/** The objects of a list of component monitorings, for the hub's stage; a component named twice is refused. */
export function monitoringResources(list: readonly ComponentMonitoring[]): Resource[] {
  const seen = new Set<string>();
  const twice = list.filter((m) => seen.has(m.component) || !seen.add(m.component)).map((m) => m.component);
  if (twice.length > 0) throw new UserError(`monitoring: component ${twice.map((c) => showValue(c)).join(", ")} is watched twice`);
  const owners = new Map<RuleFamily, string>();
  for (const m of list) {
    for (const family of m.families) {
      const owner = owners.get(family);
      if (owner !== undefined) throw new UserError(`monitoring: rule family ${showValue(family)} is carried by both ${showValue(owner)} and ${showValue(m.component)}`);
      owners.set(family, m.component);
    }
  }
  return list.flatMap((m) => [m.rule, m.dashboard]);
}
