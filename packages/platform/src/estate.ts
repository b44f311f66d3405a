import {
  checkGitPath,
  defaultGitPath,
  inventoryJsonSchema,
  renderBootstrap,
  renderCluster,
  renderSharedTrees,
  sharedScope,
  showValue,
  UserError,
  type Cluster,
  type ClusterContext,
  type GeneratedFile,
  type Inventory,
} from "@k8s-gitops/core";
import { validationWorkflow } from "@k8s-gitops/core/ci";
import { placeholderProblems, renderDocs } from "@k8s-gitops/core/docs";
import { crdsCatalogSchemaLocation, kubernetesVersion, noSchemaAllowList } from "@k8s-gitops/core/schemas";
import { flowsDoc, type Flow } from "@k8s-gitops/components/network-flows";
import { sopsConfig } from "@k8s-gitops/components/sops";
import { renderTalos } from "@k8s-gitops/talos";
import { restoreFiles } from "./restore.js";

/**
 * What the cluster builders of an estate receive: every validated inventory, and a context per
 * cluster that already carries the estate's one `gitPath`, so a cluster can never be built with
 * another one.
 */
export interface EstateContext {
  readonly inventories: readonly Inventory[];
  /** The estate's `gitPath`, checked and normalised. */
  readonly gitPath: string;
  /** The context of the cluster of that name. @throws UserError naming the cluster and the known ones. */
  context(cluster: string): ClusterContext;
}

/**
 * An estate: the contents of `k8s-gitops.config.ts` (`export default defineEstate({...})`). Paths
 * are relative to the folder of the config file.
 */
export interface EstateConfig {
  /** Inventory files (YAML), one per cluster, in ClusterMesh id order. */
  readonly inventories: readonly string[];
  /**
   * Builds every cluster from the validated inventories. Clusters that use what another one exports
   * (typed cross-cluster references) are built in the same function, in dependency order.
   */
  readonly clusters: (estate: EstateContext) => readonly Cluster[];
  /**
   * age public keys (`age1...`) SOPS encrypts the repository's `*.sops.yaml` files for: YOUR
   * operators' keys and the clusters' `sops-age` key, written to `.sops.yaml`.
   */
  readonly sops: { readonly recipients: readonly string[] };
  /**
   * Folder of the output in its Git repository: every Flux Kustomization `spec.path`, the
   * FluxInstance sync path and the docs come from it. `""` when the output is the repository of
   * its own (then `.github/workflows/validate.yaml` is written too). @default "generated"
   */
  readonly gitPath?: string;
  /** Where `k8s-gitops generate` writes, relative to the config file. @default the gitPath, or "." when it is "" */
  readonly outDir?: string;
  /**
   * Per cluster, whether Cilium's policy audit mode is on while the generated network flows are
   * rolled out; shown on the flows page. A cluster missing here enforces. @default {}
   */
  readonly policyAuditMode?: Readonly<Record<string, boolean>>;
}

/** A checked estate: what `defineEstate` returns. */
export interface Estate extends EstateConfig {
  readonly gitPath: string;
  readonly outDir: string;
  readonly policyAuditMode: Readonly<Record<string, boolean>>;
}

/**
 * A mistake of the estate config itself (its fields, or clusters() against its inventories), as
 * opposed to one of an inventory or a component: the CLI points these at the config file.
 */
export class EstateConfigError extends UserError {}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const knownKeys = ["inventories", "clusters", "sops", "gitPath", "outDir", "policyAuditMode"];

/**
 * Checks an estate config and fills in its defaults. Every problem is reported at once, each with
 * its field and value.
 * @throws UserError listing every problem.
 */
export function defineEstate(config: EstateConfig): Estate {
  const problems: string[] = [];
  const raw: unknown = config;
  if (!isRecord(raw)) throw new EstateConfigError(`defineEstate: expected an object, got ${showValue(raw)}`);
  for (const key of Object.keys(raw)) if (!knownKeys.includes(key)) problems.push(`${key}: unknown field (known: ${knownKeys.join(", ")})`);
  const inventories = raw["inventories"];
  if (!Array.isArray(inventories) || inventories.length === 0) problems.push(`inventories: expected a non-empty list of inventory files, got ${showValue(inventories)}`);
  else
    inventories.forEach((path, index) => {
      if (typeof path !== "string" || path === "") problems.push(`inventories[${index}]: expected a path, got ${showValue(path)}`);
      else if (inventories.indexOf(path) !== index) problems.push(`inventories[${index}]: ${showValue(path)} is listed twice`);
    });
  if (typeof raw["clusters"] !== "function") problems.push(`clusters: expected a function (estate) => Cluster[], got ${showValue(raw["clusters"])}`);
  const sops = raw["sops"];
  if (!isRecord(sops) || !Array.isArray(sops["recipients"])) problems.push(`sops.recipients: expected a list of age public keys, got ${showValue(isRecord(sops) ? sops["recipients"] : sops)}`);
  let gitPath = defaultGitPath;
  if (raw["gitPath"] !== undefined) {
    if (typeof raw["gitPath"] !== "string") problems.push(`gitPath: expected a string, got ${showValue(raw["gitPath"])}`);
    else {
      try {
        gitPath = checkGitPath(raw["gitPath"]);
      } catch (error) {
        problems.push((error as Error).message);
      }
    }
  }
  if (raw["outDir"] !== undefined && (typeof raw["outDir"] !== "string" || raw["outDir"] === "")) problems.push(`outDir: expected a folder, got ${showValue(raw["outDir"])}`);
  const audit = raw["policyAuditMode"];
  if (audit !== undefined && (!isRecord(audit) || Object.values(audit).some((v) => typeof v !== "boolean"))) {
    problems.push(`policyAuditMode: expected { <cluster>: true | false }, got ${showValue(audit)}`);
  }
  if (problems.length > 0) throw new EstateConfigError("invalid estate config", problems);
  return { ...config, gitPath, outDir: config.outDir ?? (gitPath === "" ? "." : gitPath), policyAuditMode: config.policyAuditMode ?? {} };
}

/** The contexts of an estate's clusters, all with the estate's gitPath. */
export function estateContext(inventories: readonly Inventory[], gitPath: string): EstateContext {
  const checked = checkGitPath(gitPath);
  return {
    inventories,
    gitPath: checked,
    context(name: string): ClusterContext {
      const inventory = inventories.find((inv) => inv.cluster.name === name);
      if (!inventory) {
        throw new EstateConfigError(`cluster ${showValue(name)}: no inventory defines it (the estate's inventories define ${inventories.map((i) => showValue(i.cluster.name)).join(", ")})`);
      }
      return { inventory, inventories, gitPath: checked };
    },
  };
}

export interface EstateOutput {
  readonly clusters: readonly string[];
  readonly files: readonly GeneratedFile[];
}

/** Options of `renderEstate` that a command line may override. */
export interface RenderEstateOptions {
  /** Overrides the estate's gitPath (`k8s-gitops generate --git-path`). */
  readonly gitPath?: string;
}

/**
 * Builds the clusters of an estate from its validated inventories and checks the result against
 * them: one cluster per inventory, no two with one name, each built with the estate's gitPath.
 */
export function buildEstate(estate: Estate, inventories: readonly Inventory[], options: RenderEstateOptions = {}): Cluster[] {
  const context = estateContext(inventories, options.gitPath ?? estate.gitPath);
  const clusters = [...estate.clusters(context)];
  const problems: string[] = [];
  const names = clusters.map((c) => c.name);
  for (const [index, name] of names.entries()) if (names.indexOf(name) !== index) problems.push(`cluster ${showValue(name)} is built twice`);
  for (const inventory of inventories) {
    if (!names.includes(inventory.cluster.name)) problems.push(`cluster ${showValue(inventory.cluster.name)} has an inventory but clusters() builds no cluster of that name`);
  }
  for (const cluster of clusters) {
    const gitPath = checkGitPath(cluster.gitPath ?? defaultGitPath);
    if (gitPath !== context.gitPath) {
      problems.push(`cluster ${showValue(cluster.name)} was built with gitPath ${showValue(gitPath)}, the estate's is ${showValue(context.gitPath)}: build it from estate.context(${showValue(cluster.name)})`);
    }
  }
  if (problems.length > 0) throw new EstateConfigError("the estate's clusters do not match its inventories", problems);
  return clusters;
}

/**
 * Every file of the output for the given inventories: the Flux trees of each cluster, the
 * shared bases and kustomize components, the phased bootstrap, `.sops.yaml` for the estate's own
 * recipients, the Talos machine-config patches, the inventory JSON Schema for editors, the docs and
 * (with gitPath "") the CI workflow that validates the generated repository on its own.
 * Pure: the CLI decides what to write.
 */
export function renderEstate(estate: Estate, inventories: readonly Inventory[], options: RenderEstateOptions = {}): EstateOutput {
  const placeholders = placeholderProblems(inventories.map((inventory) => ({ name: inventory.cluster.name, inventory })));
  if (placeholders.length > 0) {
    throw new UserError("the inventories point Flux at a real repository but still hold example values: replace them (generated/docs/runbook.md, \"Make it yours\")", placeholders);
  }
  return renderClusters(buildEstate(estate, inventories, options), { sopsRecipients: estate.sops.recipients, policyAuditMode: estate.policyAuditMode });
}

/**
 * The one gitPath of a list of clusters (each carries the one its context had). Clusters that
 * disagree would sync paths of different repositories layouts: refused.
 */
function estateGitPath(clusters: readonly Cluster[]): string {
  const paths = [...new Set(clusters.map((c) => c.gitPath ?? defaultGitPath))];
  if (paths.length > 1) throw new UserError(`the clusters disagree on gitPath (${clusters.map((c) => `${c.name}: ${JSON.stringify(c.gitPath ?? defaultGitPath)}`).join(", ")}); build them with one context gitPath`);
  return paths[0] ?? defaultGitPath;
}

export interface RenderClustersOptions {
  /** age public keys for `.sops.yaml`. */
  readonly sopsRecipients: readonly string[];
  /** Per cluster, whether the flows page says Cilium's policy audit mode is on. @default {} */
  readonly policyAuditMode?: Readonly<Record<string, boolean>>;
}

/**
 * The output for already-built clusters. Separate from `renderEstate` so other compositions of
 * clusters (the synthetic benchmark fleet) render the same way.
 */
export function renderClusters(clusters: readonly Cluster[], options: RenderClustersOptions): EstateOutput {
  const gitPath = estateGitPath(clusters);
  const auditMode = options.policyAuditMode ?? {};
  const files: GeneratedFile[] = [
    ...clusters.flatMap((cluster) => renderCluster(cluster)),
    ...renderSharedTrees(clusters),
    ...renderBootstrap({
      clusters: clusters.flatMap((c) => (c.bootstrap ? [{ name: c.name, components: c.components, ...c.bootstrap }] : [])),
    }),
    sopsConfig({ recipients: options.sopsRecipients }),
    ...clusters.flatMap((cluster) =>
      renderTalos(cluster.inventory, { peerImageMirror: cluster.components.some((c) => c.name === "spegel"), keepCoreDns: cluster.keepTalosCoreDns === true }),
    ),
    {
      path: "schemas/inventory.schema.json",
      content: `${JSON.stringify(inventoryJsonSchema(), null, 2)}\n`,
      scope: sharedScope,
    },
    ...renderDocs(clusters),
    ...clusters.flatMap(restoreFiles),
    ...clusters.flatMap((cluster) => ("flows" in cluster ? [flowsDoc(cluster.name, cluster.flows as readonly Flow[], { auditMode: auditMode[cluster.name] ?? false })] : [])),
    // GitHub runs workflows only from `.github/workflows` at the repository root. That is inside
    // the output only when the output is the repository (gitPath ""); inside another repository
    // (gitPath "generated") the writer must not write outside its folder, and that repository's
    // own CI validates the tree (here: `.ci/run` runs `pnpm verify` on generated/).
    ...(gitPath === ""
      ? [
          validationWorkflow({
            clusters: clusters.map((c) => c.name),
            kubernetesVersion,
            crdSchemaLocations: [crdsCatalogSchemaLocation],
            skipKinds: noSchemaAllowList.map((entry) => entry.kind),
          }),
        ]
      : []),
  ];
  return { clusters: clusters.map((c) => c.name), files };
}
