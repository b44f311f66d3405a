/**
 * "Every value must matter": for every value the project sets on a release, Helm itself must show
 * that the value changes what the chart renders. See docs/verify.md (values that matter).
 */
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { extractFromTgz } from "@k8s-gitops/core/schemas";
import { CORE_SCHEMA, load } from "js-yaml";
import { mergeValues } from "./bootstrap-values.js";
import {
  cachedJson,
  defaultHelmConcurrency,
  helmRunKey,
  helmStdout,
  postRender,
  type ReleaseToRender,
  type RenderedRelease,
  type RenderOptions,
  renderedObjects,
  textDigest,
} from "./helm-render.js";
import { isObject, type Json } from "./objects.js";
import { type Problem, problem } from "./problems.js";
import { type ValueAllowListEntry, valuesAllowListFile, valuesThatMayNotMatter } from "./values-allow-list.js";

/** One value the project sets: its key path in the release's values and the value. */
export interface ValueLeaf {
  readonly path: readonly string[];
  readonly value: unknown;
}

/** What the check found out about a value. */
export type ValueVerdict = "matters" | "ignored" | "pinned";

const readYaml = (bytes: Uint8Array | undefined): unknown => (bytes === undefined ? undefined : load(Buffer.from(bytes).toString("utf8"), { schema: CORE_SCHEMA }));

/**
 * The chart's default values: its `values.yaml`, with each dependency's `values.yaml` under the
 * dependency's name (alias) where the parent does not set it, as Helm coalesces them.
 */
export function chartDefaults(archive: string, chart: string): Json {
  const tgz = readFileSync(archive);
  const parent = readYaml(extractFromTgz(tgz, `${chart}/values.yaml`));
  const meta = readYaml(extractFromTgz(tgz, `${chart}/Chart.yaml`));
  let defaults: Json = isObject(parent) ? parent : {};
  const dependencies = isObject(meta) && Array.isArray(meta["dependencies"]) ? meta["dependencies"] : [];
  for (const dependency of dependencies) {
    if (!isObject(dependency) || typeof dependency["name"] !== "string") continue;
    const name = typeof dependency["alias"] === "string" ? dependency["alias"] : dependency["name"];
    const values = readYaml(extractFromTgz(tgz, `${chart}/charts/${dependency["name"]}/values.yaml`));
    if (isObject(values)) defaults = mergeValues({ [name]: values }, defaults);
  }
  return defaults;
}

const valueAt = (values: unknown, path: readonly string[]): unknown => path.reduce<unknown>((current, key) => (isObject(current) ? current[key] : undefined), values);

/**
 * The values the project sets, as the units the check proves one by one: a mapping is descended
 * only where the chart's defaults have a non-empty mapping too (the chart's own structure); a
 * mapping the chart leaves free-form (annotations, extra env, config blobs: `{}` or absent in its
 * defaults), a list, and every scalar is one value.
 */
export function valueLeaves(values: Json, defaults: unknown, prefix: readonly string[] = []): ValueLeaf[] {
  return Object.entries(values).flatMap(([key, value]) => {
    const path = [...prefix, key];
    const fallback = isObject(defaults) ? defaults[key] : undefined;
    if (isObject(value) && Object.keys(value).length > 0 && isObject(fallback) && Object.keys(fallback).length > 0) return valueLeaves(value, fallback, path);
    return [{ path, value }];
  });
}

/** A copy of `values` with the key at `path` removed (`undefined`) or replaced. */
export function withValue(values: Json, path: readonly string[], replacement: unknown): Json {
  const [key, ...rest] = path;
  if (key === undefined) return values;
  const copy: Json = { ...values };
  if (rest.length === 0) {
    if (replacement === undefined) delete copy[key];
    else copy[key] = replacement;
    return copy;
  }
  copy[key] = withValue(isObject(values[key]) ? (values[key] as Json) : {}, rest, replacement);
  return copy;
}

/** A value unlike `value` of a kind a template can use the same way (a flipped boolean, another number or string, ...). */
export function changedValue(value: unknown): unknown {
  if (typeof value === "boolean") return !value;
  if (typeof value === "number") return value + 1;
  if (typeof value === "string") return `${value}-k8s-gitops-changed`;
  if (Array.isArray(value)) return value.length > 0 ? [] : ["k8s-gitops-changed"];
  if (isObject(value)) return Object.keys(value).length > 0 ? {} : { "k8s-gitops-changed": "x" };
  return "k8s-gitops-changed";
}

const deepEqual = (a: unknown, b: unknown): boolean => a !== undefined && JSON.stringify(a) === JSON.stringify(b);

const sentinelOf = (index: number): string => `k8sgv${index}q`;
const numberSentinelOf = (index: number): number => 7_316_000 + index;

/** Values with a unique sentinel in place of every string and integer leaf, so one render shows which reach the output. */
export function withSentinels(values: Json, leaves: readonly ValueLeaf[]): { values: Json; sentinels: Map<ValueLeaf, string | number> } {
  const sentinels = new Map<ValueLeaf, string | number>();
  let result = values;
  leaves.forEach((leaf, index) => {
    let sentinel: string | number | undefined;
    if (typeof leaf.value === "string") sentinel = sentinelOf(index);
    else if (typeof leaf.value === "number" && Number.isInteger(leaf.value)) sentinel = numberSentinelOf(index);
    if (sentinel === undefined) return;
    sentinels.set(leaf, sentinel);
    result = withValue(result, leaf.path, sentinel);
  });
  return { values: result, sentinels };
}

const sentinelFound = (output: string, sentinel: string | number): boolean =>
  typeof sentinel === "string" ? output.includes(sentinel) : new RegExp(`(?<![0-9])${sentinel}(?![0-9])`).test(output);

/** Paths (JSON pointers) where two renders of the same input differ: random passwords, generated certificates. */
export function differingPaths(a: unknown, b: unknown, pointer = ""): string[] {
  if (isObject(a) && isObject(b)) {
    return [...new Set([...Object.keys(a), ...Object.keys(b)])].flatMap((key) => differingPaths(a[key], b[key], `${pointer}/${key}`));
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) return a.flatMap((item, index) => differingPaths(item, b[index], `${pointer}/${index}`));
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [pointer];
}

/**
 * Objects as one comparable text with the nondeterministic paths blanked. Only the ancestors of a
 * masked path are copied; everything else is serialized as it is (the same text, without a copy).
 */
export function canonical(objects: readonly unknown[], masked: ReadonlySet<string>): string {
  if (masked.size === 0) return JSON.stringify(objects);
  const ancestors = new Set<string>();
  for (const pointer of masked) {
    for (let end = pointer.lastIndexOf("/"); end >= 0; end = pointer.lastIndexOf("/", end - 1)) {
      ancestors.add(pointer.slice(0, end));
      if (end === 0) break;
    }
  }
  const mask = (value: unknown, pointer: string): unknown => {
    if (masked.has(pointer)) return "<nondeterministic>";
    if (!ancestors.has(pointer)) return value;
    if (Array.isArray(value)) return value.map((item, index) => mask(item, `${pointer}/${index}`));
    if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mask(item, `${pointer}/${key}`)]));
    return value;
  };
  return JSON.stringify(mask(objects, ""));
}

const randomness = /\b(randAlphaNum|randAlpha|randNumeric|randAscii|randBytes|genCA|genSelfSignedCert|genSignedCert|genPrivateKey|uuidv4|now)\b/;


/** Runs at most `size` of the given tasks at once, in the order they ask. */
export function semaphore(size: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= size) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

export interface ValuesMatterResult {
  readonly problems: readonly Problem[];
  /** Values checked (over all rendered releases) and how many of them were proven to matter. */
  readonly checked: number;
  readonly proven: number;
  /** Values proven by the one sentinel render, without a render of their own. */
  readonly provenBySentinel: number;
  /** Renders this check needed (cache hits included). */
  readonly renders: number;
  readonly usedEntries: ReadonlySet<ValueAllowListEntry>;
  /**
   * `chart version: key.path` of values equal to the chart's default in effect (removing them
   * changes nothing today, changing them does): pins against a default that a chart upgrade may
   * change. Reported, not failed; see docs/verify.md.
   */
  readonly pinned: readonly string[];
}

export interface ValuesMatterOptions extends RenderOptions {
  /** Values excused with a reason; defaults to {@link valuesThatMayNotMatter}. */
  readonly allowList?: readonly ValueAllowListEntry[];
}

type RenderedOk = Extract<RenderedRelease, { status: "rendered" }>;

/**
 * Proves with Helm that every value each rendered release sets changes the output when it is
 * changed and when it is removed. One render with a unique sentinel in place of every string and
 * integer shows those that reach the output (changing them changes it; removing them falls back to
 * the chart's default, which differs from them). Every other value gets a render
 * without it: if the output changes, it matters; if not, a render with a changed value tells a
 * value equal in effect to the chart's default (`pinned`, reported but not a problem: it matters
 * once an upgrade changes the default) from one the chart ignores (`ignored`, a problem). Values
 * equal to the chart's values.yaml take part in the sentinel render, and otherwise get one render
 * with a changed value: `pinned` if either changes the output, `ignored` if not. Nondeterministic output (random passwords, generated certificates) is found by
 * rendering twice and masked. Each finding is a `helm-value-unused` problem naming chart,
 * version and key path, unless allow-listed with a reason.
 */
export async function checkValuesMatter(
  rendered: readonly { readonly release: ReleaseToRender; readonly result: RenderedOk }[],
  options: ValuesMatterOptions,
): Promise<ValuesMatterResult> {
  const allowList = options.allowList ?? valuesThatMayNotMatter;
  const used = new Set<ValueAllowListEntry>();
  let checked = 0;
  let proven = 0;
  let provenBySentinel = 0;
  let renders = 0;
  const pinned: string[] = [];
  const { cacheDir, allowList: _allowList, ...renderOptions } = options;
  // Every release's renders share `concurrency` helm processes, so small releases fill the gaps of big ones.
  const slot = semaphore(options.concurrency ?? defaultHelmConcurrency);
  // Releases whose `helm template` runs are the same command with the same values (helmRunKey: a
  // Flux HelmRelease and the bootstrap helmfile release of the same chart on the same cluster)
  // differ only after Helm: origin labels, post-renderers. So each variant of their values is
  // rendered by helm once, and every such release applies its own post-renderers and labels to
  // that text and compares with its own render: the same verdicts as separate renders. The shared
  // texts are dropped once every release of the group is done.
  const helmKey = (release: ReleaseToRender, archive: string): string => helmRunKey(release, archive, renderOptions);
  const groups = new Map<string, { texts: Map<string, Promise<string>>; members: number }>();
  for (const { release, result } of rendered) {
    const key = helmKey(release, result.archive);
    const group = groups.get(key) ?? { texts: new Map(), members: 0 };
    group.members++;
    groups.set(key, group);
  }
  // The renders of this check are not stored one by one: their verdicts are (below), keyed by every input.
  const renderVariant = async (
    release: ReleaseToRender,
    archive: string,
    values: Json,
    shared?: Map<string, Promise<string>>,
    parsed?: Map<string, unknown[]>,
  ): Promise<{ text: string; objects: () => unknown[] }> => {
    const variant = { ...release, values };
    const key = shared === undefined ? undefined : helmRunKey(variant, archive, renderOptions);
    let helmText = key === undefined ? undefined : shared?.get(key);
    if (helmText === undefined) {
      renders++;
      helmText = slot(() => helmStdout(variant, archive, renderOptions));
      if (key !== undefined) shared?.set(key, helmText);
    }
    const text = await postRender(await helmText, variant, renderOptions);
    return { text, objects: () => renderedObjects(variant, text, parsed) };
  };
  const render = async (release: ReleaseToRender, archive: string, values: Json, shared?: Map<string, Promise<string>>, parsed?: Map<string, unknown[]>): Promise<unknown[]> =>
    (await renderVariant(release, archive, values, shared, parsed)).objects();

  const perRelease = await Promise.all(rendered.map(async ({ release, result }) => {
    const problems: Problem[] = [];
    const groupKey = helmKey(release, result.archive);
    const group = groups.get(groupKey)!;
    // A release alone in its group keeps no texts.
    const shared = group.members > 1 ? group.texts : undefined;
    // The documents of this release's renders, by their text: a variant mostly repeats them.
    const parsed = new Map<string, unknown[]>();
    // Verdicts depend only on the render inputs: cached with them, so an unchanged tree needs no render here.
    const kubeVersion = options.kubeVersions.get(release.cluster) ?? "";
    const inputs = JSON.stringify([result.chartDigest, options.helm.version, kubeVersion, options.apiVersions.get(release.cluster) ?? [], release]);
    const computed = await cachedJson(cacheDir, `verdicts v2 ${inputs}`, async () => {
      let bySentinel = 0;
      const defaults = chartDefaults(result.archive, release.ref.chart);
      const leaves = valueLeaves(release.values, defaults);
      const chartText = randomness.test(gunzipSync(readFileSync(result.archive)).toString("latin1")) ? "random" : "";
      const masked = new Set<string>(
        chartText === ""
          ? []
          : await cachedJson(cacheDir, `mask ${result.chartDigest} ${JSON.stringify(release)}`, async () => {
              const again = await render(release, result.archive, release.values);
              return differingPaths(result.objects, again);
            }),
      );
      const baseline = canonical(result.objects, masked);
      const verdicts = new Map<ValueLeaf, ValueVerdict>();
      // Equal to the chart's default: removing it changes nothing by construction (Helm merges the
      // same values without it), so it is proven only by a render where it is changed: the sentinel
      // render or its own render with a changed value. A default no template reads is `ignored`.
      const isDefault = new Set(leaves.filter((leaf) => deepEqual(valueAt(defaults, leaf.path), leaf.value)));
      const { values: sentinelValues, sentinels } = withSentinels(release.values, leaves);
      if (sentinels.size > 0) {
        try {
          const output = JSON.stringify(await render(release, result.archive, sentinelValues, shared, parsed));
          for (const [leaf, sentinel] of sentinels) {
            if (!sentinelFound(output, sentinel)) continue;
            if (isDefault.has(leaf)) {
              verdicts.set(leaf, "pinned");
              continue;
            }
            verdicts.set(leaf, "matters");
            bySentinel++;
          }
        } catch {
          // A template that rejects a sentinel (an enum, a URL) leaves every value to its own renders.
        }
      }
      // Whether a render of `values` gives other objects than the release's own render. Helm's text
      // equal to the baseline's (same sha256) means equal objects, so only a differing text is parsed.
      const differs = async (values: Json): Promise<boolean> => {
        const { text, objects } = await renderVariant(release, result.archive, values, shared, parsed);
        if (result.textDigest !== undefined && textDigest(text) === result.textDigest) return false;
        return canonical(objects(), masked) !== baseline;
      };
      const rest = leaves.filter((leaf) => !verdicts.has(leaf));
      const found = await Promise.all(rest.map(async (leaf): Promise<ValueVerdict> => {
        const changed = (): Promise<boolean> => differs(withValue(release.values, leaf.path, changedValue(leaf.value)));
        try {
          if (isDefault.has(leaf)) return (await changed()) ? "pinned" : "ignored";
          if (await differs(withValue(release.values, leaf.path, undefined))) return "matters";
          if (await changed()) return "pinned";
          return "ignored";
        } catch {
          // Helm refuses the values without it or changed (a required value): the chart reads it.
          return isDefault.has(leaf) ? "pinned" : "matters";
        }
      }));
      for (const [index, leaf] of rest.entries()) verdicts.set(leaf, found[index]!);
      return { bySentinel, verdicts: [...verdicts].map(([leaf, verdict]) => ({ path: leaf.path, verdict })) };
    }).finally(() => {
      if (--group.members === 0) groups.delete(groupKey);
    });
    checked += computed.verdicts.length;
    provenBySentinel += computed.bySentinel;
    for (const { path, verdict } of computed.verdicts) {
      if (verdict === "matters") {
        proven++;
        continue;
      }
      const key = path.join(".");
      if (verdict === "pinned") {
        pinned.push(`${release.ref.chart} ${release.ref.version}: ${key}`);
        continue;
      }
      const allowed = allowList.find((entry) => entry.chart === release.ref.chart && entry.path === key);
      if (allowed !== undefined) {
        used.add(allowed);
        continue;
      }
      const where = `${release.subject} (chart ${release.ref.chart} ${release.ref.version}): ${release.valuesPath}.${key}`;
      problems.push(
        problem("helm-value-unused", release.file, `${where} has no effect: the chart renders the same objects with it removed or changed; remove it, set the key the chart reads, or allow-list it with a reason in ${valuesAllowListFile}`),
      );
    }
    return problems;
  }));
  const problems = perRelease.flat();
  const charts = new Set(rendered.map((r) => r.release.ref.chart));
  for (const entry of allowList) {
    if (!used.has(entry) && charts.has(entry.chart)) {
      problems.push(problem("allow-list", valuesAllowListFile, `value ${entry.path} of chart ${entry.chart} is set nowhere or matters everywhere; remove the entry`));
    }
  }
  return { problems, checked, proven, provenBySentinel, renders, usedEntries: used, pinned: [...new Set(pinned)].sort() };
}
