/**
 * The `[runners.kubernetes]` settings this project sets: where job pods run and what they may use.
 * Field names are the runner's own (config.toml), so the GitLab docs apply one to one.
 */
export interface RunnerKubernetesConfig {
  /** Namespace of the job pods. The chart templates this string, so `{{.Release.Namespace}}` works. */
  namespace: string;
  /** Default job image when `.gitlab-ci.yml` names none. */
  image: string;
  privileged: boolean;
  allow_privilege_escalation: boolean;
  /** Helper image; must match the runner version (see `runnerVersion`). */
  helper_image: string;
  cpu_request: string;
  cpu_limit: string;
  memory_request: string;
  memory_limit: string;
  helper_cpu_request: string;
  helper_memory_request: string;
  helper_memory_limit: string;
  service_cpu_request: string;
  service_memory_request: string;
  service_memory_limit: string;
  /** Seconds to wait for a job pod to start (image pulls included). */
  poll_timeout: number;
}

type TomlValue = string | number | boolean;

// JSON string escapes (\", \\, \n, \uXXXX) are valid TOML basic-string escapes.
const tomlValue = (value: TomlValue): string => (typeof value === "string" ? JSON.stringify(value) : String(value));

/**
 * The runner's `config.toml` template (chart value `runners.config`): one `[[runners]]` entry
 * with its Kubernetes executor table, keys sorted so a reordered object gives the same text.
 */
export function runnerConfigToml(kubernetes: Readonly<Record<string, TomlValue>>): string {
  const lines = Object.keys(kubernetes)
    .sort()
    .map((key) => `    ${key} = ${tomlValue(kubernetes[key]!)}`);
  return ["[[runners]]", "  [runners.kubernetes]", ...lines, ""].join("\n");
}
