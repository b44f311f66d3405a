import { App, ApiObject, Chart } from "cdk8s";
import { parseAllDocuments } from "yaml";
import { buildClusters, loadInventories, renderClusters } from "@k8s-gitops/clusters";
import { emitYaml, emitYamlReference, type GeneratedFile } from "@k8s-gitops/core";
import { emissionFloor, estateDocuments, type EmissionFloor } from "./floor.js";
import { summarize, type Summary } from "./stats.js";

/** The documents of one generated file, as plain objects. */
export interface FileDocuments {
  readonly path: string;
  readonly documents: readonly Record<string, unknown>[];
}

/** A Kubernetes object: what cdk8s can represent as an ApiObject. */
const isKubernetesObject = (doc: unknown): doc is Record<string, unknown> & { apiVersion: string; kind: string } =>
  typeof doc === "object" && doc !== null && typeof (doc as { apiVersion?: unknown }).apiVersion === "string" && typeof (doc as { kind?: unknown }).kind === "string";

/** Every YAML document of the generated files, read back from their text (not timed). */
export function documentsOf(files: readonly GeneratedFile[]): FileDocuments[] {
  return files
    .filter((file) => /\.ya?ml$/.test(file.path))
    .map((file) => ({
      path: file.path,
      documents: parseAllDocuments(file.content, { version: "1.1" })
        .flatMap((doc) => (Array.isArray(doc) ? [] : [doc.toJS() as unknown]))
        .filter((doc): doc is Record<string, unknown> => typeof doc === "object" && doc !== null),
    }))
    .filter((file) => file.documents.length > 0);
}

/** Milliseconds of each of `runs` calls of f, after one warm-up call (JIT, lazy initialisation). */
function timeRuns(runs: number, f: () => unknown): Summary {
  f();
  return summarize(
    Array.from({ length: runs }, () => {
      const start = performance.now();
      f();
      return performance.now() - start;
    }),
  );
}

/** cdk8s synthesising the objects: one Chart per output file, one ApiObject per document. */
export function cdk8sSynth(files: readonly FileDocuments[]): string {
  const app = new App({ outdir: "unused" });
  files.forEach((file, f) => {
    const chart = new Chart(app, `file-${f}`);
    file.documents.forEach((doc, d) => {
      new ApiObject(chart, `doc-${d}`, doc as Record<string, unknown> & { apiVersion: string; kind: string });
    });
  });
  return app.synthYaml();
}

/** The project's emission of the same objects, file by file (`reference`: through yaml's Document model, as cdk8s does). */
export function projectEmit(files: readonly FileDocuments[], reference = false): string[] {
  const emit = reference ? emitYamlReference : emitYaml;
  return files.map((file) => emit(file.documents, { source: file.path }));
}

export interface CompareResult {
  readonly files: number;
  /** YAML documents in the rendered files. */
  readonly documents: number;
  /** The Kubernetes objects among them (apiVersion + kind), in `cdk8sFiles` files: what cdk8s and the project emit below. */
  readonly objects: number;
  readonly objectFiles: number;
  /** renderClusters on the built infra + apps clusters: place, derive, validate, emit every file. */
  readonly render: Summary;
  /** emitYaml of the objects, one call per file. */
  readonly emit: Summary;
  /** emitYamlReference (yaml's Document model, the library cdk8s uses too) on the same objects. */
  readonly emitReference: Summary;
  /** cdk8s: App + a Chart per file + an ApiObject per object, then app.synthYaml(). */
  readonly cdk8s: Summary;
  readonly cdk8sOverEmit: number;
  /** cdk8s on the objects against the project's whole render (which also places, validates and emits the non-Kubernetes files). */
  readonly cdk8sOverRender: number;
  /** JSON.stringify vs emitYaml on every document render hands to emitYaml (the live objects), from floor.ts. */
  readonly floor: EmissionFloor;
}

/**
 * cdk8s and the emission floor against the project, in this process, on the reference estate.
 * cdk8s and emitYaml get the same plain objects, read back from the rendered files and grouped
 * by file; the floor gets the live objects render emits (its author's choice, see floor.ts).
 */
export async function benchCompare(runs: number): Promise<CompareResult> {
  const clusters = buildClusters(await loadInventories());
  const render = timeRuns(runs, () => renderClusters(clusters));
  const files = renderClusters(clusters).files;
  const all = documentsOf(files);
  const objects = all
    .map((file) => ({ path: file.path, documents: file.documents.filter(isKubernetesObject) }))
    .filter((file) => file.documents.length > 0);
  const emit = timeRuns(runs, () => projectEmit(objects));
  const emitReference = timeRuns(runs, () => projectEmit(objects, true));
  const cdk8s = timeRuns(runs, () => cdk8sSynth(objects));
  const floor = emissionFloor(await estateDocuments(), runs);
  return {
    files: files.length,
    documents: all.reduce((sum, file) => sum + file.documents.length, 0),
    objects: objects.reduce((sum, file) => sum + file.documents.length, 0),
    objectFiles: objects.length,
    render,
    emit,
    emitReference,
    cdk8s,
    cdk8sOverEmit: cdk8s.median / emit.median,
    cdk8sOverRender: cdk8s.median / render.median,
    floor,
  };
}
