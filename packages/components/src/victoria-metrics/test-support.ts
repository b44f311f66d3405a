import { ref, renderCluster, type GeneratedFile } from "@k8s-gitops/core";
import { fixtureContext } from "@k8s-gitops/core/testing";
import { parseAllDocuments } from "yaml";
import { metricsAgent, type MetricsAgentProps } from "./agent.js";
import { victoriaMetricsOperator } from "./operator.js";
import { victoriaMetrics, type VictoriaMetricsComponent, type VictoriaMetricsProps } from "./stack.js";

/** The infra store as the estate builds it first; its endpoints feed every agent. */
export function infraStore(props: VictoriaMetricsProps = {}): VictoriaMetricsComponent {
  return victoriaMetrics(fixtureContext("infra"), props);
}

/** The components of one cluster, wired as the cluster definitions wire them. */
export function clusterComponents(cluster: "infra" | "apps", store = infraStore(), agent: Partial<MetricsAgentProps> = {}) {
  const context = fixtureContext(cluster);
  const operator = victoriaMetricsOperator(context);
  const vmagent = metricsAgent(context, { remoteWrite: store.endpoints.remoteWrite, operator: ref(operator), ...agent });
  return cluster === "infra" ? [operator, store, vmagent] : [operator, vmagent];
}

export function render(cluster: "infra" | "apps", store = infraStore(), agent: Partial<MetricsAgentProps> = {}): GeneratedFile[] {
  return renderCluster({ name: cluster, components: clusterComponents(cluster, store, agent) });
}

/** Every YAML document of the rendered files. */
export function documents(files: readonly GeneratedFile[]): Record<string, any>[] {
  return files
    .filter((f) => f.path.endsWith(".yaml"))
    .flatMap((f) => parseAllDocuments(f.content).map((d) => d.toJS() as Record<string, any>))
    .filter((d) => d && typeof d === "object");
}

export function findDoc(files: readonly GeneratedFile[], kind: string, name?: string): Record<string, any> {
  const found = documents(files).find((d) => d.kind === kind && (name === undefined || d.metadata?.name === name));
  if (!found) throw new Error(`no ${kind}${name ? ` ${name}` : ""} rendered`);
  return found;
}
