import {
  UserError,
  defineComponent,
  merge,
  repositoryChart,
  showValue,
  type ClusterContext,
  type Component,
  type DeepPartial,
  type Ref,
} from "@k8s-gitops/core";
import { externalSecret } from "../external-secrets/index.js";
import { runnerConfigToml, type RunnerKubernetesConfig } from "./config.js";
import { defaultValues, type GitlabRunnerValues } from "./values.js";

export { gitlabRunnerMonitoring } from "./alerts.js";
export { runnerConfigToml, type RunnerKubernetesConfig } from "./config.js";
export type { GitlabRunnerValues } from "./values.js";

/** One pin, one place; {@link runnerVersion} must be the GitLab Runner release this chart ships. */
export const chart = repositoryChart("gitlab", "https://charts.gitlab.io", "gitlab-runner", "0.92.2");

/** The runner version of {@link chart}; the helper image must carry the same version. Bump both together. */
// renovate: datasource=gitlab-tags depName=gitlab-org/gitlab-runner
export const runnerVersion = "v19.3.2";

/** Secret keys the chart reads (`runners.secret`). */
export const tokenKeys = { token: "runner-token", registrationToken: "runner-registration-token" } as const;

export type GitlabRunnerStage = "app";

export interface GitlabRunnerProps {
  /** @default "gitlab-runner" */
  readonly namespace?: string;
  /** @default "https://gitlab.<domains.external>" */
  readonly gitlabUrl?: string;
  /**
   * 1Password item whose field `runner-token` holds the runner authentication token (`glrt-...`)
   * of a runner created in GitLab. @default "gitlab-runner"
   */
  readonly tokenItem?: string;
  /** Jobs run at once. @default 10 */
  readonly concurrent?: number;
  /** Merged over the `[runners.kubernetes]` defaults (job namespace, resources, images). */
  readonly kubernetes?: Partial<RunnerKubernetesConfig>;
  /** Deep-merged over the chart values: objects merge, arrays replace, null deletes. */
  readonly values?: DeepPartial<GitlabRunnerValues>;
  /** The secret store stage, i.e. `secretStoreRef(onePasswordConnect)`. @default no dependency */
  readonly secretStore?: Ref;
}

/** Job pods: no privilege, modest defaults a job can raise with `KUBERNETES_*` variables up to the limits. */
export const defaultKubernetesConfig: RunnerKubernetesConfig = {
  namespace: "{{.Release.Namespace}}",
  // renovate: datasource=docker depName=alpine
  image: "alpine:3.22",
  privileged: false,
  allow_privilege_escalation: false,
  helper_image: `registry.gitlab.com/gitlab-org/gitlab-runner/gitlab-runner-helper:x86_64-${runnerVersion}`,
  cpu_request: "500m",
  cpu_limit: "2",
  memory_request: "1Gi",
  memory_limit: "4Gi",
  helper_cpu_request: "100m",
  helper_memory_request: "128Mi",
  helper_memory_limit: "256Mi",
  service_cpu_request: "100m",
  service_memory_request: "256Mi",
  service_memory_limit: "1Gi",
  poll_timeout: 600,
};

const httpUrl = /^https?:\/\/[^/\s]+(\/\S*)?$/;

/**
 * GitLab Runner with the Kubernetes executor: jobs run as unprivileged pods in the runner's
 * namespace. The runner registers with an authentication token created in GitLab and fetched
 * from 1Password by an ExternalSecret (the legacy registration token stays empty).
 */
export function gitlabRunner(context: ClusterContext, props: GitlabRunnerProps = {}): Component<GitlabRunnerStage> {
  const namespace = props.namespace ?? "gitlab-runner";
  const gitlabUrl = props.gitlabUrl ?? `https://gitlab.${context.inventory.cluster.domains.external}`;
  const concurrent = props.concurrent ?? defaultValues.concurrent;
  const kubernetes: RunnerKubernetesConfig = { ...defaultKubernetesConfig, ...props.kubernetes };
  const problems: string[] = [];
  if (!httpUrl.test(gitlabUrl)) problems.push(`gitlabUrl must be an http(s) URL, got ${showValue(gitlabUrl)}`);
  if (!Number.isInteger(concurrent) || concurrent < 1) problems.push(`concurrent must be a whole number of at least 1, got ${showValue(concurrent)}`);
  if (kubernetes.privileged) problems.push("kubernetes.privileged must stay false: a privileged job pod owns its node");
  if (problems.length > 0) throw new UserError(`gitlabRunner: invalid props`, problems);

  const tokenSecret = "gitlab-runner-token";
  const values = merge<GitlabRunnerValues>(
    { ...defaultValues, gitlabUrl, concurrent, runners: { config: runnerConfigToml({ ...kubernetes }), secret: tokenSecret } },
    props.values,
  );
  return defineComponent({
    name: "gitlab-runner",
    namespace,
    area: "workloads",
    category: "platform",
    // Job images commonly run as root (allowed by baseline); privileged pods are not.
    namespaceLabels: { "pod-security.kubernetes.io/enforce": "baseline", "pod-security.kubernetes.io/warn": "baseline" },
    stages: [
      {
        name: "app",
        dependsOn: props.secretStore ? [props.secretStore] : [],
        releases: [{ name: "gitlab-runner", chart, values }],
        resources: [
          externalSecret({
            name: tokenSecret,
            item: props.tokenItem ?? "gitlab-runner",
            keys: { token: tokenKeys.token },
            // The chart mounts both keys; an empty registration token selects the authentication-token flow.
            template: { [tokenKeys.token]: "{{ .token }}", [tokenKeys.registrationToken]: "" },
          }),
        ],
      },
    ],
  });
}
export * from "./flows.js";
