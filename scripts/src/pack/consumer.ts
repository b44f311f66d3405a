import { parseAllDocuments } from "yaml";

/**
 * The consumer program: only public entry points (`@k8s-gitops/core`, subpaths of both packages),
 * an inventory read from disk, two components (an OCI and a Helm-repository chart), one cluster
 * rendered. It prints the charts it imported and the rendered files as JSON.
 */
export const consumerSource = `import { defineCluster, parseInventories, readInventoryFiles, renderCluster, type GeneratedFile } from "@k8s-gitops/core";
import { isUserError } from "@k8s-gitops/core/errors";
import { certManager, chart as certManagerChart } from "@k8s-gitops/components/cert-manager";
import { metricsServer, chart as metricsServerChart } from "@k8s-gitops/components/metrics-server";

try {
  const inventories = parseInventories(await readInventoryFiles(["inventories/infra.yaml", "inventories/apps.yaml"]));
  const inventory = inventories.find((candidate) => candidate.cluster.name === "infra");
  if (inventory === undefined) throw new Error("no infra inventory");
  // No DNS component: the cluster keeps Talos' CoreDNS (defineCluster requires one or the other).
  const cluster = defineCluster({ inventory, inventories }, (context) => ({ components: [certManager(context), metricsServer(context)], keepTalosCoreDns: true }));
  const files: GeneratedFile[] = renderCluster(cluster);
  process.stdout.write(JSON.stringify({ charts: { certManager: certManagerChart, metricsServer: metricsServerChart }, files }));
} catch (error) {
  process.stderr.write(isUserError(error) ? \`user error: \${error.message}\\n\` : \`\${String(error)}\\n\`);
  process.exitCode = 1;
}
`;

/**
 * Misuses of the API, each marked with the error tsc must report on that line. If the packages'
 * types resolved to \`any\` or failed to load, these lines would type-check (or fail differently).
 */
export const typeErrorSource = `import { certManager, chart } from "@k8s-gitops/components/cert-manager";
import { ref, type ClusterContext } from "@k8s-gitops/core";
// A subpath the published exports map blocks (tests only):
import { fixtureContext } from "@k8s-gitops/core/testing"; // expect TS2307

declare const context: ClusterContext;
export const wrongStage = ref(certManager(context), "isssuers"); // expect TS2345
export const version: number = chart.version; // expect TS2322
export const component = certManager(context, { namespace: 42 }); // expect TS2322
export const unknownProp = certManager(context, { chartVersion: "x" }); // expect TS2353
export { fixtureContext };
`;

/** One diagnostic: file, 1-based line, `TSxxxx` code. */
export interface Diagnostic {
  readonly file: string;
  readonly line: number;
  readonly code: string;
}

/** The `// expect TSxxxx` markers of a source file. */
export function expectedDiagnostics(file: string, source: string): Diagnostic[] {
  return source.split("\n").flatMap((text, index) => {
    const match = /\/\/ expect (TS\d+)/.exec(text);
    return match ? [{ file, line: index + 1, code: match[1]! }] : [];
  });
}

/** Diagnostics of `tsc --pretty false` output (`file(line,col): error TSxxxx: ...`). */
export function parseDiagnostics(output: string): Diagnostic[] {
  return [...output.matchAll(/^(.+?)\((\d+),\d+\): error (TS\d+):/gm)].map((match) => ({
    file: match[1]!,
    line: Number(match[2]),
    code: match[3]!,
  }));
}

export interface ConsumerFile {
  readonly path: string;
  readonly content: string;
}

export interface ConsumerOutput {
  readonly charts: Readonly<Record<string, unknown>>;
  readonly files: readonly ConsumerFile[];
}

/** The consumer's stdout, parsed. */
export function parseConsumerOutput(stdout: string): ConsumerOutput {
  const parsed = JSON.parse(stdout) as ConsumerOutput;
  if (!Array.isArray(parsed.files) || typeof parsed.charts !== "object") throw new Error(`unexpected consumer output: ${stdout.slice(0, 200)}`);
  return parsed;
}

/** Every YAML document of the rendered files with the given kind. */
export function documentsOfKind(files: readonly ConsumerFile[], kind: string): Record<string, unknown>[] {
  return files
    .filter((file) => file.path.endsWith(".yaml"))
    .flatMap((file) => parseAllDocuments(file.content).map((doc) => doc.toJS() as unknown))
    .filter((doc): doc is Record<string, unknown> => doc !== null && typeof doc === "object" && (doc as { kind?: unknown }).kind === kind);
}
