import { flow, scrapeFlow, type Flow, type FlowContext, type Workload } from "../network-flows/model.js";

export type GitlabApp = "webservice" | "sidekiq" | "migrations" | "toolbox" | "registry" | "gitaly" | "gitlab-shell" | "gitlab-exporter";

/**
 * Pods of the GitLab chart: `app: <subchart>` and `release: <release>` (gitlab chart
 * `templates/_helpers.tpl`, gitlab.standardLabels/selectorLabels). The chart is published on
 * gitlab.com only and cannot be rendered offline: the ports below are the chart's documented
 * defaults (docs.gitlab.com/charts, each subchart's "Configuration" page), not read from a render.
 */
export function gitlabPods(cluster: string, namespace: string, app: GitlabApp, release = "gitlab"): Workload {
  return { cluster, namespace, name: `gitlab-${app.replace(/^gitlab-/, "")}`, labels: { app, release } };
}

export const workhorsePort = 8181;
export const gitlabRegistryPort = 5000;
export const gitalyPort = 8075;
export const gitlabShellPort = 2222;

/** Metrics ports (chart defaults): puma 8083, workhorse 9229, sidekiq 3807, gitaly 9236, gitlab-shell 9122, registry 5001, gitlab-exporter 9168. */
const metrics: readonly [GitlabApp, number, string][] = [
  ["webservice", 8083, "puma"],
  ["webservice", 9229, "workhorse"],
  ["sidekiq", 3807, "sidekiq"],
  ["gitaly", 9236, "gitaly"],
  ["gitlab-shell", 9122, "gitlab-shell"],
  ["registry", 5001, "registry"],
  ["gitlab-exporter", 9168, "gitlab-exporter"],
];

/**
 * GitLab's own services (KAS is disabled in the estate): Rails (webservice, sidekiq, toolbox)
 * and gitlab-shell use Gitaly; gitlab-shell and Gitaly's hooks call the internal API through
 * Workhorse; Rails calls the registry API and the registry notifies Rails; SSH reaches
 * gitlab-shell through its LoadBalancer Service: Cilium balances in DSR mode
 * (`loadBalancer.mode: dsr` in cilium/values.ts), so the client's address reaches the pod and its
 * identity is `world`; Gitaly fetches pull mirrors from remote
 * hosts; every enabled metrics endpoint is
 * scraped on `/metrics` (the chart's ServiceMonitors and PodMonitor, enabled in the values).
 */
export function gitlabInternalFlows(c: FlowContext): Flow[] {
  const p = (app: GitlabApp) => gitlabPods(c.cluster, c.namespace, app);
  return [
    ...(["webservice", "sidekiq", "toolbox", "gitlab-shell"] as const).map((app) => flow("gitlab", p(app), p("gitaly"), [gitalyPort], `${app} reads and writes repositories through Gitaly`)),
    ...(["gitlab-shell", "gitaly"] as const).map((app) => flow("gitlab", p(app), p("webservice"), [workhorsePort], `${app} calls the internal API through Workhorse`)),
    flow("gitlab", p("webservice"), p("registry"), [gitlabRegistryPort], "Rails manages repositories through the registry API"),
    flow("gitlab", p("registry"), p("webservice"), [workhorsePort], "the registry posts notifications to Rails"),
    flow("gitlab", { entity: "world", cluster: c.cluster }, p("gitlab-shell"), [gitlabShellPort], "Git over SSH through gitlab-shell's LoadBalancer Service"),
    flow("gitlab", p("gitaly"), { entity: "world", cluster: c.cluster }, [443, 22], "Gitaly fetches pull mirrors and imports from remote Git hosts"),
    ...metrics.map(([app, port, what]) => scrapeFlow("gitlab", c.scraper, p(app), port, { what: `GitLab ${what}` })),
  ];
}
