import type { Workload } from "../network-flows/model.js";

/**
 * Pods of the GitLab chart: `app: <subchart>` and `release: <release>` (gitlab chart
 * `templates/_helpers.tpl`, gitlab.standardLabels/selectorLabels). Workhorse listens on 8181,
 * the registry on 5000.
 */
export function gitlabPods(cluster: string, namespace: string, app: "webservice" | "sidekiq" | "migrations" | "toolbox" | "registry", release = "gitlab"): Workload {
  return { cluster, namespace, name: `gitlab-${app}`, labels: { app, release } };
}

export const workhorsePort = 8181;
export const gitlabRegistryPort = 5000;
