import { componentMonitoring, type ComponentMonitoring } from "../victoria-metrics/monitoring.js";

// GitLab Runner's metrics on :9252 (gitlab-org/gitlab-runner, commands/multi.go and
// common/build.go collectors): `gitlab_runner_jobs` running jobs, `gitlab_runner_concurrent`
// the global limit, `gitlab_runner_errors_total{level}` logged errors.

/** GitLab Runner: every slot busy (jobs queue up), errors. */
export function gitlabRunnerMonitoring(namespace = "gitlab-runner"): ComponentMonitoring {
  return componentMonitoring({
    component: "gitlab-runner",
    namespace,
    groups: [
      {
        name: "gitlab-runner",
        rules: [
          {
            alert: "GitlabRunnerSaturated",
            expr: "sum by (cluster) (gitlab_runner_jobs) >= max by (cluster) (gitlab_runner_concurrent)",
            for: "30m",
            labels: { severity: "warning" },
            annotations: { summary: "GitLab Runner on {{ $labels.cluster }} has run at its concurrency limit for 30 minutes: jobs are queueing" },
          },
          {
            alert: "GitlabRunnerErrors",
            expr: 'sum by (cluster) (increase(gitlab_runner_errors_total{level="error"}[15m])) > 10',
            for: "15m",
            labels: { severity: "warning" },
            annotations: { summary: "GitLab Runner on {{ $labels.cluster }} logged {{ $value }} errors in 15 minutes" },
          },
        ],
      },
    ],
    panels: [
      { title: "Running jobs", expr: 'sum by (cluster) (gitlab_runner_jobs{cluster=~"$cluster"})' },
      { title: "Concurrency limit", expr: 'max by (cluster) (gitlab_runner_concurrent{cluster=~"$cluster"})' },
      { title: "Errors per second", expr: 'sum by (cluster, level) (rate(gitlab_runner_errors_total{cluster=~"$cluster"}[5m]))', legend: "{{cluster}} {{level}}" },
    ],
  });
}
