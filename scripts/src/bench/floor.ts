import { pathToFileURL } from "node:url";
import { loadInventories, renderEstate } from "@k8s-gitops/clusters";
import { emitYaml, emitYamlReference, recordEmitted } from "@k8s-gitops/core/emit";
import { summarize } from "./stats.js";

/** Medians (ms) of serialising the same documents as JSON and as YAML. */
export interface EmissionFloor {
  readonly documents: number;
  /** UTF-8 bytes of the YAML written (one file per document, header included). */
  readonly bytes: number;
  /** JSON.stringify of every document. */
  readonly jsonMs: number;
  /** emitYaml of every document (the fast emitter). */
  readonly yamlMs: number;
  /** The same through yaml's Document model (emitYamlReference). */
  readonly referenceMs: number;
  /** yamlMs / jsonMs; the target is at most 3. */
  readonly ratio: number;
}

const options = { source: "the emission floor benchmark" };

function timed(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

/**
 * The emission floor: JSON.stringify vs emitYaml vs the yaml Document path on the same
 * documents, each document serialised on its own as render does. One warm-up pass of each
 * (JIT), then the median of `runs` passes. The three are interleaved per run so that a
 * slow moment of the machine does not favour one of them.
 */
export function emissionFloor(documents: readonly unknown[], runs = 5): EmissionFloor {
  const json = () => {
    for (const document of documents) JSON.stringify(document);
  };
  const yaml = () => {
    for (const document of documents) emitYaml([document], options);
  };
  const reference = () => {
    for (const document of documents) emitYamlReference([document], options);
  };
  json();
  yaml();
  reference();
  const jsonRuns: number[] = [];
  const yamlRuns: number[] = [];
  const referenceRuns: number[] = [];
  for (let i = 0; i < Math.max(1, runs); i++) {
    jsonRuns.push(timed(json));
    yamlRuns.push(timed(yaml));
    referenceRuns.push(timed(reference));
  }
  const bytes = documents.reduce<number>((sum, document) => sum + Buffer.byteLength(emitYaml([document], options)), 0);
  const jsonMs = summarize(jsonRuns).median;
  const yamlMs = summarize(yamlRuns).median;
  return { documents: documents.length, bytes, jsonMs, yamlMs, referenceMs: summarize(referenceRuns).median, ratio: yamlMs / jsonMs };
}

/** Every document the real estate passes to emitYaml, as the live objects render builds. */
export async function estateDocuments(): Promise<unknown[]> {
  const inventories = await loadInventories();
  return recordEmitted(() => renderEstate(inventories)).documents.map((entry) => entry.document);
}

/** One line per figure, for the CLI. */
export function formatFloor(floor: EmissionFloor): string {
  const ms = (value: number) => `${value.toFixed(2)} ms`;
  return [
    `emission floor: ${floor.documents} documents, ${(floor.bytes / 1024).toFixed(0)} KiB of YAML`,
    `  JSON.stringify            ${ms(floor.jsonMs)}`,
    `  emitYaml (fast)           ${ms(floor.yamlMs)}  ratio ${floor.ratio.toFixed(2)} (target <= 3)`,
    `  yaml Document (reference) ${ms(floor.referenceMs)}  ratio ${(floor.referenceMs / floor.jsonMs).toFixed(2)}`,
    "",
  ].join("\n");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const runs = Number(process.argv[2] ?? 5);
  process.stdout.write(formatFloor(emissionFloor(await estateDocuments(), runs)));
}
