import {
  UserError,
  defineComponent,
  merge,
  ociChart,
  showValue,
  type ClusterContext,
  type Component,
  type DeepPartial,
  type Ref,
  type Release,
  type Resource,
} from "@k8s-gitops/core";
import { externalSecret } from "../external-secrets/index.js";
import { storageClassNames } from "@k8s-gitops/core/conventions";
import { repositoryName, repositoryUrl } from "./github-url.js";
import { controllerServiceAccount, defaultControllerValues, type ControllerValues, type ScaleSetValues } from "./values.js";

export { repositoryName, repositoryUrl } from "./github-url.js";
export { controllerServiceAccount, defaultControllerValues, type ControllerValues, type RunnerContainer, type ScaleSetValues } from "./values.js";

/** One pin per chart; the controller and the scale sets must run the same version. */
export const controllerChart = ociChart("oci://ghcr.io/actions/actions-runner-controller-charts/gha-runner-scale-set-controller", "0.14.2");
export const scaleSetChart = ociChart("oci://ghcr.io/actions/actions-runner-controller-charts/gha-runner-scale-set", controllerChart.version);

/**
 * The runner image. GitHub stops accepting runners that fall too far behind its latest release,
 * and ephemeral runners do not update themselves, so keep this current (Renovate).
 */
// renovate: datasource=docker depName=ghcr.io/actions/actions-runner
export const defaultRunnerImage = "ghcr.io/actions/actions-runner:2.336.0";

/** Keys the scale set reads from its `githubConfigSecret` (a GitHub App). */
export const githubAppKeys = ["github_app_id", "github_app_installation_id", "github_app_private_key"] as const;

export type ActionsRunnerControllerStage = "app" | "runners";

export interface RunnerScaleSetOptions {
  /** Scale set name = HelmRelease name = `runs-on:` label. @default "<repository>-runner" */
  readonly name?: string;
  /** Repository or organization URL. @default the repository of the inventory's Git URL */
  readonly githubConfigUrl?: string;
  /** 1Password item with the fields github_app_id, github_app_installation_id, github_app_private_key. @default "actions-runner" */
  readonly githubAppItem?: string;
  /** Idle runners kept warm. @default 1 */
  readonly minRunners?: number;
  /** @default 3 */
  readonly maxRunners?: number;
  /** Work volume of each runner (container mode `kubernetes`). @default "25Gi" */
  readonly workVolumeSize?: string;
  /** @default "openebs-hostpath" (node-local: a job's work volume lives and dies with its runner pod) */
  readonly storageClass?: string;
  /** @default {@link defaultRunnerImage} */
  readonly runnerImage?: string;
  /** Deep-merged over the generated values. */
  readonly values?: DeepPartial<ScaleSetValues>;
}

export interface ActionsRunnerControllerProps {
  /** @default "actions-runner-system" (the namespace Talos grants Talos API access to) */
  readonly namespace?: string;
  /** Deep-merged over the controller chart defaults. */
  readonly values?: DeepPartial<ControllerValues>;
  /** The runner scale sets. @default one set for the inventory's repository */
  readonly runnerSets?: readonly RunnerScaleSetOptions[];
  /** The secret store stage, i.e. `secretStoreRef(onePasswordConnect)`. @default no dependency */
  readonly secretStore?: Ref;
  /** The component providing the work volumes' StorageClass, i.e. `ref(openebs)`. @default no dependency */
  readonly storage?: Ref;
}

const dnsLabel = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const storageSize = /^[1-9][0-9]*(Mi|Gi|Ti)$/;

interface ResolvedSet {
  readonly name: string;
  readonly values: ScaleSetValues;
  /** The Secret with the GitHub App credentials (`values.githubConfigSecret`). */
  readonly secretName: string;
  readonly item: string;
}

function resolveSet(context: ClusterContext, namespace: string, options: RunnerScaleSetOptions, index: number, problems: string[]): ResolvedSet | undefined {
  const at = `runnerSets[${index}]`;
  let url: string;
  try {
    url = options.githubConfigUrl ?? repositoryUrl(context.inventory.cluster.git.url, `actionsRunnerController ${at}`);
  } catch (error) {
    problems.push((error as Error).message);
    return undefined;
  }
  const name = options.name ?? `${repositoryName(url).toLowerCase()}-runner`;
  const minRunners = options.minRunners ?? 1;
  const maxRunners = options.maxRunners ?? 3;
  const size = options.workVolumeSize ?? "25Gi";
  // ARC names the AutoscalingRunnerSet's objects after the set, with suffixes.
  if (!dnsLabel.test(name) || name.length > 45) problems.push(`${at}.name must be a DNS label of at most 45 characters, got ${showValue(name)}`);
  if (!/^https:\/\/[^/\s]+\/[^\s]+$/.test(url)) problems.push(`${at}.githubConfigUrl must be an https URL of a repository or organization, got ${showValue(url)}`);
  if (!Number.isInteger(minRunners) || minRunners < 0) problems.push(`${at}.minRunners must be a whole number of at least 0, got ${showValue(minRunners)}`);
  if (!Number.isInteger(maxRunners) || maxRunners < 1) problems.push(`${at}.maxRunners must be a whole number of at least 1, got ${showValue(maxRunners)}`);
  else if (maxRunners < minRunners) problems.push(`${at}.maxRunners (${maxRunners}) is less than minRunners (${minRunners})`);
  if (!storageSize.test(size)) problems.push(`${at}.workVolumeSize must be a whole number of Mi, Gi or Ti, got ${showValue(size)}`);
  const values: ScaleSetValues = {
    githubConfigUrl: url,
    githubConfigSecret: `${name}-github-app`,
    minRunners,
    maxRunners,
    containerMode: {
      type: "kubernetes",
      kubernetesModeWorkVolumeClaim: {
        accessModes: ["ReadWriteOnce"],
        storageClassName: options.storageClass ?? storageClassNames.hostpath,
        resources: { requests: { storage: size } },
      },
    },
    controllerServiceAccount: { name: controllerServiceAccount, namespace },
    template: {
      spec: {
        containers: [
          {
            name: "runner",
            image: options.runnerImage ?? defaultRunnerImage,
            command: ["/home/runner/run.sh"],
            // Jobs without `container:` run in the runner pod itself instead of failing.
            env: [{ name: "ACTIONS_RUNNER_REQUIRE_JOB_CONTAINER", value: "false" }],
          },
        ],
      },
    },
  };
  const merged = merge<ScaleSetValues>(values, options.values);
  // The chart also takes the GitHub credentials inline (a map); this component always creates the
  // Secret from 1Password, so the value must stay that Secret's name.
  const secretName = merged.githubConfigSecret;
  if (typeof secretName !== "string") {
    problems.push(`${at}.values.githubConfigSecret must be the name of the Secret this component creates, got ${showValue(secretName)}`);
    return undefined;
  }
  return { name, values: merged, secretName, item: options.githubAppItem ?? "actions-runner" };
}

/**
 * Actions Runner Controller (runner scale sets): the controller first, then in a `runners` stage
 * one gha-runner-scale-set release per set, each authenticating as a GitHub App whose credentials
 * an ExternalSecret fetches from 1Password. Jobs run in their own pods (container mode
 * `kubernetes`) with a work volume on node-local storage.
 */
export function actionsRunnerController(context: ClusterContext, props: ActionsRunnerControllerProps = {}): Component<ActionsRunnerControllerStage> {
  const namespace = props.namespace ?? "actions-runner-system";
  const controllerValues = merge<ControllerValues>(defaultControllerValues, props.values);
  const problems: string[] = [];
  const sets = (props.runnerSets ?? [{}]).map((options, index) => resolveSet(context, namespace, options, index, problems));
  const names = sets.flatMap((set) => (set ? [set.name] : []));
  for (const duplicate of new Set(names.filter((name, i) => names.indexOf(name) !== i))) problems.push(`runner set name ${showValue(duplicate)} is used twice`);
  if (sets.length === 0) problems.push("runnerSets must list at least one runner scale set");
  if (controllerValues.serviceAccount?.name !== controllerServiceAccount) {
    problems.push(`values.serviceAccount.name must stay ${showValue(controllerServiceAccount)} (the scale sets name it), got ${showValue(controllerValues.serviceAccount?.name)}`);
  }
  if (problems.length > 0) throw new UserError("actionsRunnerController: invalid props", problems);

  const declared = sets.filter((set) => set !== undefined);
  const runners: Resource[] = declared.map((set) => externalSecret({ name: set.secretName, item: set.item, keys: [...githubAppKeys] }));
  const runnerReleases: Release[] = declared.map((set) => ({ name: set.name, chart: scaleSetChart, values: set.values }));
  return defineComponent({
    name: "actions-runner-controller",
    namespace,
    area: "workloads",
    category: "platform",
    // Job pods run arbitrary images, often as root; privileged ones are refused.
    namespaceLabels: { "pod-security.kubernetes.io/enforce": "baseline", "pod-security.kubernetes.io/warn": "baseline" },
    stages: [
      {
        name: "app",
        releases: [{ name: "actions-runner-controller", chart: controllerChart, values: controllerValues }],
        resources: [],
      },
      {
        name: "runners",
        dependsOn: [...(props.secretStore ? [props.secretStore] : []), ...(props.storage ? [props.storage] : [])],
        releases: runnerReleases,
        resources: runners,
      },
    ],
  });
}
export * from "./flows.js";
