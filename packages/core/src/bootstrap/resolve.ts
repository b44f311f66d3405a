import { parseAllDocuments } from "yaml";
import { UserError, showValue } from "../errors/index.js";

/** A release of a bootstrap helmfile as one environment sees it. */
export interface ResolvedRelease {
  readonly name: string;
  readonly namespace: string;
  readonly chart: string;
  readonly version: string;
  readonly needs: readonly string[];
  /** Values file paths (relative to the state file) and inline values, in order. */
  readonly values: readonly (string | Record<string, unknown>)[];
  readonly hooks: readonly { readonly events: readonly string[]; readonly command: string; readonly args: readonly string[] }[];
}

export interface ResolvedHelmfile {
  readonly helmDefaults: Record<string, unknown>;
  readonly repositories: readonly { readonly name: string; readonly url: string }[];
  readonly releases: readonly ResolvedRelease[];
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => value !== null && typeof value === "object" && !Array.isArray(value);

const action = /\{\{-?\s*(.*?)\s*-?\}\}/g;
const condition = /^(?:(else)\s+)?if\s+eq\s+\.Environment\.Name((?:\s+"[^"]*")+)$/;

/**
 * Evaluates the template subset the bootstrap helmfiles use (`.Environment.Name` and an
 * `if eq .Environment.Name "a" ... else ... end` switch) the way helmfile's Go templates would.
 * Anything else is refused rather than guessed.
 */
export function renderForEnvironment(text: string, environment: string): string {
  let output = "";
  let last = 0;
  // Per open `if`: has a branch matched yet, and are we emitting the current branch.
  let branch: { matched: boolean; emitting: boolean } | undefined;
  const emit = (piece: string): void => {
    if (!branch || branch.emitting) output += piece;
  };
  for (const match of text.matchAll(action)) {
    emit(text.slice(last, match.index));
    last = match.index + match[0].length;
    const body = match[1]!;
    const test = condition.exec(body);
    if (body === ".Environment.Name") {
      emit(environment);
    } else if (test) {
      const names = [...test[2]!.matchAll(/"([^"]*)"/g)].map((m) => m[1]);
      const isElse = test[1] !== undefined;
      if (isElse !== (branch !== undefined)) throw new UserError(`unexpected {{ ${body} }} in ${showValue(text)}`);
      const hit = names.includes(environment);
      const matched = branch?.matched ?? false;
      branch = { matched: matched || hit, emitting: !matched && hit };
    } else if (body === "else") {
      if (!branch) throw new UserError(`unexpected {{ else }} in ${showValue(text)}`);
      branch = { matched: true, emitting: !branch.matched };
    } else if (body === "end") {
      if (!branch) throw new UserError(`unexpected {{ end }} in ${showValue(text)}`);
      branch = undefined;
    } else {
      throw new UserError(`unsupported template action {{ ${body} }} in ${showValue(text)}`);
    }
  }
  if (branch) throw new UserError(`unterminated {{ if }} in ${showValue(text)}`);
  return output + text.slice(last);
}

const asString = (value: unknown): string => (typeof value === "string" ? value : value === undefined ? "" : String(value));

/** Environment values: the inline maps of `environments.<name>.values`, merged shallowly in order. */
function environmentValues(parts: readonly Json[], environment: string): Json {
  const environments = parts.flatMap((part) => (isObject(part.environments) ? [part.environments] : []));
  const spec = environments.map((envs) => envs[environment]).find((value) => value !== undefined);
  if (spec === undefined) {
    const known = environments.flatMap((envs) => Object.keys(envs));
    throw new UserError(`helmfile environment ${showValue(environment)} is not defined (defined: ${known.join(", ")})`);
  }
  const values = isObject(spec) && Array.isArray(spec.values) ? spec.values : [];
  return Object.assign({}, ...values.map((value) => {
    if (!isObject(value)) throw new UserError(`only inline environment values are supported, got ${showValue(value)}`);
    return value;
  })) as Json;
}

function enabled(values: Json, release: Json): boolean {
  if (release.condition === undefined) return true;
  const [key, flag] = asString(release.condition).split(".");
  const entry = key === undefined ? undefined : values[key];
  if (flag !== "enabled" || !isObject(entry)) throw new UserError(`release ${showValue(release.name)}: condition ${showValue(release.condition)} has no environment value`);
  return entry.enabled === true;
}

/**
 * What `helmfile -e <environment> -f <file>` would install from a generated bootstrap state file:
 * releases whose condition is false are dropped, templates are rendered for the environment.
 */
export function helmfileForEnvironment(text: string, environment: string): ResolvedHelmfile {
  const parts = parseAllDocuments(text).map((doc) => doc.toJS() as unknown).filter(isObject);
  const values = environmentValues(parts, environment);
  const render = (value: unknown): string => renderForEnvironment(asString(value), environment);
  const releases = parts
    .flatMap((part) => (Array.isArray(part.releases) ? part.releases.filter(isObject) : []))
    .filter((release) => enabled(values, release))
    .map((release) => ({
      name: render(release.name),
      namespace: render(release.namespace),
      chart: render(release.chart),
      version: render(release.version),
      needs: (Array.isArray(release.needs) ? release.needs : []).map(render),
      values: (Array.isArray(release.values) ? release.values : []).map((v: unknown) => (isObject(v) ? v : render(v))),
      hooks: (Array.isArray(release.hooks) ? release.hooks.filter(isObject) : []).map((hook) => ({
        events: (Array.isArray(hook.events) ? hook.events : []).map(asString),
        command: render(hook.command),
        args: (Array.isArray(hook.args) ? hook.args : []).map(render),
      })),
    }));
  return {
    helmDefaults: Object.assign({}, ...parts.map((part) => (isObject(part.helmDefaults) ? part.helmDefaults : {}))) as Json,
    repositories: parts.flatMap((part) => (Array.isArray(part.repositories) ? (part.repositories as ResolvedHelmfile["repositories"]) : [])),
    releases,
  };
}
