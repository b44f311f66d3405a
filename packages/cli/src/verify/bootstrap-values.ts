import { posix } from "node:path";
import { showValue } from "@k8s-gitops/core/errors";
import type { ValuesToCheck } from "./helm-values.js";
import { at, isObject, type Json, textAt } from "./objects.js";
import { type Problem, problem } from "./problems.js";
import type { TreeFile } from "./tree.js";
import { yamlDocuments } from "./tree.js";

const environmentName = /\{\{-?\s*\.Environment\.Name\s*-?\}\}/g;

/** Helm's merge of values files: mappings merge key by key, everything else is replaced. */
export function mergeValues(base: Json, override: Json): Json {
  const result: Json = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const current = result[key];
    result[key] = isObject(current) && isObject(value) ? mergeValues(current, value) : value;
  }
  return result;
}

/** helmfile's `condition: a.b`: the release is installed when that environment value is true. */
function conditionHolds(condition: string | undefined, environmentValues: Json): boolean {
  if (condition === undefined) return true;
  return at(environmentValues, ...condition.split(".")) === true;
}

/** A bootstrap helmfile release in one environment, with what `helm template` needs besides its values. */
export interface BootstrapRelease extends ValuesToCheck {
  readonly releaseName: string;
  readonly namespace: string;
  /** The helmfile environment, which is the cluster's name. */
  readonly environment: string;
  /** `helmDefaults.args` holds `--no-hooks`. */
  readonly disableHooks: boolean;
}

/**
 * The values of every release of the bootstrap helmfiles (`bootstrap/helmfile.d/*.yaml`), per
 * environment: the values files (with `{{ .Environment.Name }}` filled in) and inline values,
 * merged as helmfile passes them to Helm. Releases whose condition is false are skipped.
 */
export function bootstrapValues(files: readonly TreeFile[]): { items: BootstrapRelease[]; problems: Problem[] } {
  const byPath = new Map(files.map((f) => [f.path, f.content]));
  const items: BootstrapRelease[] = [];
  const problems: Problem[] = [];
  for (const helmfile of files.filter((f) => /^bootstrap\/helmfile\.d\/[^/]+\.ya?ml$/.test(f.path))) {
    const documents = yamlDocuments(helmfile.content);
    const helmArgs = documents.flatMap((d) => listOf(at(d, "helmDefaults", "args")));
    const environments = documents.map((d) => at(d, "environments")).find(isObject) ?? {};
    const releases = documents.flatMap((d) => {
      const list = at(d, "releases");
      return Array.isArray(list) ? list : [];
    });
    for (const [environment, settings] of Object.entries(environments)) {
      const environmentValues = listOf(at(settings, "values")).filter(isObject).reduce(mergeValues, {} as Json);
      for (const release of releases) {
        if (!conditionHolds(textAt(release, "condition"), environmentValues)) continue;
        const chartUrl = textAt(release, "chart") ?? "";
        const name = textAt(release, "name") ?? "";
        let values: Json = {};
        let valuesFile = helmfile.path;
        for (const entry of listOf(at(release, "values"))) {
          if (isObject(entry)) {
            values = mergeValues(values, entry);
            continue;
          }
          if (typeof entry !== "string") continue;
          const path = posix.normalize(posix.join(posix.dirname(helmfile.path), entry.replace(environmentName, environment)));
          const content = byPath.get(path);
          if (content === undefined) {
            problems.push(problem("helm-values", helmfile.path, `release ${name} (${environment}): values file ${showValue(entry)} does not exist (${path})`));
            continue;
          }
          valuesFile = path;
          const parsed = yamlDocuments(content)[0];
          if (isObject(parsed)) values = mergeValues(values, parsed);
        }
        items.push({
          file: valuesFile,
          subject: `helmfile release ${name} (${environment})`,
          ref: { chart: chartUrl.replace(/\/+$/, "").split("/").pop() ?? "", version: textAt(release, "version") ?? "*", repository: chartUrl },
          values,
          valuesPath: "values",
          releaseName: name,
          namespace: textAt(release, "namespace") ?? "default",
          environment,
          disableHooks: helmArgs.includes("--no-hooks"),
        });
      }
    }
  }
  return { items, problems };
}

const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
