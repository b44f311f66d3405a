import { emitYaml } from "../emit/index.js";
import { sharedScope, type GeneratedFile } from "../files/index.js";

/** Tool versions the generated workflow installs; one pin each, so Renovate can move them. */
export const validationTools = {
  // renovate: datasource=github-releases depName=kubernetes-sigs/kustomize extractVersion=^kustomize/(?<version>.+)$
  kustomize: "v5.7.1",
  // renovate: datasource=github-releases depName=yannh/kubeconform
  kubeconform: "v0.7.0",
} as const;

export interface ValidationWorkflowProps {
  /** Clusters with a Flux tree under `kubernetes/{clusters,infrastructure,workloads}/<name>`. */
  readonly clusters: readonly string[];
  /** The Kubernetes version kubeconform takes its built-in schemas for, e.g. `1.34.1`. */
  readonly kubernetesVersion: string;
  /**
   * kubeconform `-schema-location` templates for custom resources, in lookup order, pinned to a
   * commit so a catalog change cannot turn CI red on its own.
   */
  readonly crdSchemaLocations: readonly string[];
  /** `apiVersion/kind`-free kinds kubeconform should skip (documents without a published schema). */
  readonly skipKinds?: readonly string[];
  /** @default "ubuntu-24.04" */
  readonly runsOn?: string;
}

export const validationWorkflowPath = ".github/workflows/validate.yaml";

// Runs in the workflow: builds every kustomization of one area the way kustomize-controller does and
// pipes the result through kubeconform. kustomize Components cannot be built on their own; they are
// built as part of the overlays that use them.
const validateScript = `set -euo pipefail
failed=0
while IFS= read -r file; do
  dir=$(dirname "$file")
  if grep -q '^kind: Component$' "$file"; then continue; fi
  echo "::group::$dir"
  if ! kustomize build "$dir" | kubeconform "\${KUBECONFORM_ARGS[@]}" -; then
    echo "::error file=$file::kustomize build or kubeconform failed for $dir"
    failed=1
  fi
  echo "::endgroup::"
done < <(for area in $AREAS; do if [ -d "$area" ]; then find "$area" -name kustomization.yaml; fi; done | sort)
exit $failed
`;

function installStep(): Record<string, unknown> {
  return {
    name: "Install kustomize and kubeconform",
    run: [
      "set -euo pipefail",
      'mkdir -p "$HOME/.local/bin"',
      'curl -fsSL "https://github.com/kubernetes-sigs/kustomize/releases/download/kustomize%2F${KUSTOMIZE_VERSION}/kustomize_${KUSTOMIZE_VERSION}_linux_amd64.tar.gz" | tar -xz -C "$HOME/.local/bin" kustomize',
      'curl -fsSL "https://github.com/yannh/kubeconform/releases/download/${KUBECONFORM_VERSION}/kubeconform-linux-amd64.tar.gz" | tar -xz -C "$HOME/.local/bin" kubeconform',
      'echo "$HOME/.local/bin" >> "$GITHUB_PATH"',
      "",
    ].join("\n"),
  };
}

/**
 * A GitHub Actions workflow for the generated repository: per cluster, every kustomization Flux
 * builds is built with kustomize and validated strictly with kubeconform against the Kubernetes
 * schemas and the pinned CRD catalog. The shared bases are a job of their own.
 */
export function validationWorkflow(props: ValidationWorkflowProps): GeneratedFile {
  const areas = (cluster: string): string =>
    ["clusters", "infrastructure", "workloads"].map((area) => `kubernetes/${area}/${cluster}`).join(" ");
  const include = [
    ...[...props.clusters].sort().map((cluster) => ({ name: cluster, areas: areas(cluster) })),
    { name: "shared", areas: "kubernetes/bases" },
  ];
  const kubeconformArgs = [
    "-strict",
    "-summary",
    `-kubernetes-version ${props.kubernetesVersion}`,
    "-schema-location default",
    ...props.crdSchemaLocations.map((location) => `-schema-location '${location}'`),
    ...(props.skipKinds && props.skipKinds.length > 0 ? [`-skip ${[...props.skipKinds].sort().join(",")}`] : []),
  ];
  const workflow = {
    name: "validate",
    on: { pull_request: {}, push: { branches: ["main"] }, workflow_dispatch: {} },
    permissions: { contents: "read" },
    concurrency: { group: "validate-${{ github.ref }}", "cancel-in-progress": true },
    jobs: {
      kubeconform: {
        name: "kustomize build + kubeconform (${{ matrix.name }})",
        "runs-on": props.runsOn ?? "ubuntu-24.04",
        strategy: { "fail-fast": false, matrix: { include } },
        env: { KUSTOMIZE_VERSION: validationTools.kustomize, KUBECONFORM_VERSION: validationTools.kubeconform, AREAS: "${{ matrix.areas }}" },
        steps: [
          { uses: "actions/checkout@v5" },
          installStep(),
          {
            name: "Build and validate",
            shell: "bash",
            run: `KUBECONFORM_ARGS=(${kubeconformArgs.join(" ")})\n${validateScript}`,
          },
        ],
      },
    },
  };
  return {
    path: validationWorkflowPath,
    content: emitYaml([workflow], { source: "core/ci validationWorkflow", preserveOrder: true }),
    scope: sharedScope,
  };
}
