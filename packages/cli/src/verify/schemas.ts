import { createHash } from "node:crypto";
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describeProblem, type SchemaProblem } from "@k8s-gitops/core/schemas";
import { type AllowListEntry, allowListFile } from "./allow-list.js";
import type { ObjectValidator } from "./crd-schemas.js";
import { readCache, writeCache } from "@k8s-gitops/core/cache";
import type { BuildResult } from "./kustomize.js";
import { apiVersionOf, describeObject, kindOf } from "./objects.js";
import type { OriginIndex } from "./origins.js";
import { type Problem, problem } from "./problems.js";

export interface SchemaCheckResult {
  readonly problems: readonly Problem[];
  /** Every document of every build output (and file), counted once per build it appears in. */
  readonly documents: number;
  /** Distinct documents (by content), each validated once. */
  readonly unique: number;
  /** Allow-listed documents without a schema: `apiVersion kind` → how many (unique) and why. */
  readonly withoutSchema: ReadonlyMap<string, { readonly count: number; readonly reason: string }>;
  /** Schema files used, relative to the schema root. */
  readonly schemaFiles: ReadonlySet<string>;
}

interface Seen {
  readonly doc: unknown;
  readonly json: string;
  readonly dirs: string[];
  readonly files: string[];
  /** Per file, what produced the document there (`HelmRelease web/app (chart c 1.0.0) renders`), for messages. */
  readonly sources: Map<string, string>;
  /** undefined until validated; `"no schema"` when the validator has none. */
  verdict?: readonly SchemaProblem[] | "no schema";
  /** The schema the verdict comes from (validator's `schemaSource`). */
  source?: string;
}

export interface SchemaCheckOptions {
  readonly validator: ObjectValidator;
  readonly allowList: readonly AllowListEntry[];
  readonly origins: OriginIndex;
  /** Caches each unique document's verdict (see {@link verdictKey}); none when absent. */
  readonly verdictCache?: { readonly dir: string; readonly schemaRootFingerprint: string };
}

/** What the verdict cache stores: the schema used (and its digest, checked on every hit) and the verdict. */
interface CachedVerdict {
  readonly source: string;
  readonly digest: string;
  readonly verdict: readonly SchemaProblem[];
}

/**
 * sha256 of the paths and sizes of every file of the schema root: which schema a kind resolves to
 * depends on which files exist (kubeconform's lookup order), so adding or removing one is a miss.
 */
export function schemaRootFingerprint(root: string): string {
  const entries = readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const path = join(entry.parentPath, entry.name);
      return `${relative(root, path)}\u0000${statSync(path).size}`;
    })
    .sort();
  return createHash("sha256").update(entries.join("\n")).digest("hex");
}

/** Bumped whenever the validator's rules change (strictness, formats, how problems are worded). */
export const validatorSettingsVersion = "schema-verdicts v1 (kubeconform-strict, unknown top-level keys rejected)";

/**
 * Key of a document's cached verdict: sha256 of the validator settings version, the schema root's
 * fingerprint and the document's JSON. The entry names the schema used and its digest; a hit counts
 * only while that schema's digest is unchanged (see {@link CachedVerdict}).
 */
export const verdictKey = (documentJson: string, schemaRootFingerprint: string): string =>
  createHash("sha256").update(`${validatorSettingsVersion}\u0000${schemaRootFingerprint}\u0000${documentJson}`).digest("hex");

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Validates every document of every build output strictly (kubeconform rules, unknown fields
 * rejected). Identical documents from several builds are validated once. A document without a
 * schema is a problem unless its kind is on the allow-list; unused allow-list entries too.
 * Documents can be added while builds are still running, so compiling schemas overlaps them.
 */
export class SchemaChecker {
  private readonly seen = new Map<string, Seen>();
  private readonly pending: Seen[] = [];
  private documents = 0;
  /** Verdicts read from the cache instead of validated. */
  cachedVerdicts = 0;

  constructor(private readonly options: SchemaCheckOptions) {}

  /** The documents of a successful build. */
  addBuild(build: BuildResult): void {
    for (const doc of build.documents) this.add(doc, build.dir, undefined);
  }

  /**
   * Documents applied as they are, not through kustomize (the bootstrap `op inject` templates), or
   * produced from `file` by a tool (`source`, e.g. what a HelmRelease renders), which prefixes the messages.
   */
  addFile(file: string, documents: readonly unknown[], source?: string): void {
    for (const doc of documents) this.add(doc, undefined, file, source);
  }

  get hasPending(): boolean {
    return this.pending.length > 0;
  }

  /** Validates what was added so far, handing control back to the event loop after each document. */
  async validatePending(): Promise<void> {
    for (let next = this.pending.shift(); next !== undefined; next = this.pending.shift()) {
      this.validate(next);
      await yieldToEventLoop();
    }
  }

  result(): SchemaCheckResult {
    for (let next = this.pending.shift(); next !== undefined; next = this.pending.shift()) this.validate(next);
    const problems: Problem[] = [];
    const withoutSchema = new Map<string, { count: number; reason: string }>();
    const schemaFiles = new Set<string>();
    const used = new Set<AllowListEntry>();
    for (const entry of this.seen.values()) {
      // A custom resource validated before the CRDs of the tree and the charts were known gets a second look.
      if (entry.verdict === "no schema") this.validate(entry);
      const { doc, dirs, files, sources, verdict } = entry;
      const from = (file: string): string => (sources.has(file) ? `${sources.get(file)} ` : "");
      const where = files.length > 0 ? files : this.options.origins.filesOf(doc, dirs);
      const apiVersion = apiVersionOf(doc);
      const kind = kindOf(doc);
      if (verdict === "no schema") {
        const allowed = this.options.allowList.find((entry) => entry.apiVersion === apiVersion && entry.kind === kind);
        if (allowed !== undefined) {
          used.add(allowed);
          const key = `${apiVersion} ${kind}`;
          withoutSchema.set(key, { count: (withoutSchema.get(key)?.count ?? 0) + 1, reason: allowed.reason });
          continue;
        }
        const message = `${describeObject(doc)}: no schema for ${apiVersion} ${kind}; fix the apiVersion/kind, or add it with a reason to ${allowListFile}`;
        for (const file of where) problems.push(problem("schema", file, `${from(file)}${message}`));
        continue;
      }
      if (entry.source !== undefined) schemaFiles.add(entry.source.replace(/#.*$/, ""));
      for (const found of verdict ?? []) for (const file of where) problems.push(problem("schema", file, `${from(file)}${describeProblem(doc, found)}`));
    }
    for (const entry of this.options.allowList.filter((e) => !used.has(e))) {
      problems.push(problem("allow-list", allowListFile, `${entry.apiVersion} ${entry.kind} matches no document; remove the entry`));
    }
    return { problems, documents: this.documents, unique: this.seen.size, withoutSchema, schemaFiles };
  }

  private add(doc: unknown, dir: string | undefined, file: string | undefined, source?: string): void {
    this.documents++;
    const key = JSON.stringify(doc);
    let entry = this.seen.get(key);
    if (entry === undefined) {
      entry = { doc, json: key, dirs: [], files: [], sources: new Map() };
      this.seen.set(key, entry);
      this.pending.push(entry);
    }
    if (dir !== undefined && !entry.dirs.includes(dir)) entry.dirs.push(dir);
    if (file !== undefined && !entry.files.includes(file)) entry.files.push(file);
    if (file !== undefined && source !== undefined && !entry.sources.has(file)) entry.sources.set(file, source);
  }

  private validate(entry: Seen): void {
    const apiVersion = apiVersionOf(entry.doc);
    const kind = kindOf(entry.doc);
    const { validator, verdictCache: cache } = this.options;
    const key = cache === undefined || apiVersion === "" || kind === "" || validator.sourceDigest === undefined ? undefined : verdictKey(entry.json, cache.schemaRootFingerprint);
    const hit = key === undefined ? undefined : readCache(cache?.dir, key);
    if (hit !== undefined) {
      const cached = JSON.parse(hit) as CachedVerdict;
      // The schema the verdict was made with must be unchanged (and still resolvable: a CRD known by now).
      if (validator.sourceDigest?.(cached.source) === cached.digest) {
        entry.verdict = cached.verdict;
        entry.source = cached.source;
        this.cachedVerdicts++;
        return;
      }
    }
    const source = apiVersion !== "" && kind !== "" ? validator.schemaSource(apiVersion, kind) : undefined;
    if (source === undefined && apiVersion !== "" && kind !== "") {
      entry.verdict = "no schema";
      return;
    }
    entry.verdict = validator.validate(entry.doc);
    if (source !== undefined) entry.source = source;
    const digest = source === undefined ? undefined : validator.sourceDigest?.(source);
    if (key !== undefined && source !== undefined && digest !== undefined) writeCache(cache?.dir, key, JSON.stringify({ source, digest, verdict: entry.verdict } satisfies CachedVerdict));
  }
}
