import { readTgz } from "@k8s-gitops/core/schemas";
import { parse } from "yaml";
import { freeForm, mergeNodes, type ObjectNode, objectNode, prop, type TypeNode } from "./model.js";
import { combine, fromSchema } from "./schema.js";
import { UsageCollector } from "./templates.js";
import { inferValues } from "./values-yaml.js";

/** The files of a packaged chart, by path inside the archive. */
export type ChartFiles = ReadonlyMap<string, Uint8Array>;

interface ChartYaml {
  readonly name?: string;
  readonly type?: string;
  readonly dependencies?: readonly { readonly name: string; readonly alias?: string; readonly condition?: string }[];
}

const text = (data: Uint8Array): string => Buffer.from(data).toString("utf8");

/** Reads a packaged chart; subcharts packaged as `charts/*.tgz` are unpacked in place. */
export function chartFiles(archive: Uint8Array): ChartFiles {
  const files = new Map<string, Uint8Array>();
  const add = (prefix: string, data: Uint8Array): void => {
    for (const entry of readTgz(data)) {
      const path = `${prefix}${entry.path}`;
      if (/\/charts\/[^/]+\.tgz$/.test(path)) add(path.replace(/[^/]+\.tgz$/, ""), entry.data);
      else files.set(path, entry.data);
    }
  };
  add("", archive);
  return files;
}

/** The chart folders directly under `dir/charts/` (each holds a Chart.yaml). */
function subchartDirs(files: ChartFiles, dir: string): string[] {
  const found = new Set<string>();
  const prefix = `${dir}/charts/`;
  for (const path of files.keys()) {
    if (!path.startsWith(prefix)) continue;
    const rest = path.slice(prefix.length).split("/");
    if (rest.length === 2 && rest[1] === "Chart.yaml") found.add(`${prefix}${rest[0]}`);
  }
  return [...found].sort();
}

function templatesOf(files: ChartFiles, dir: string): string[] {
  const prefix = `${dir}/templates/`;
  return [...files.keys()].filter((path) => path.startsWith(prefix)).sort();
}

function readChartYaml(files: ChartFiles, dir: string): ChartYaml {
  const data = files.get(`${dir}/Chart.yaml`);
  if (data === undefined) throw new Error(`${dir}/Chart.yaml is missing`);
  return (parse(text(data)) ?? {}) as ChartYaml;
}

/**
 * The values type of the chart in folder `dir` of the archive, the way Helm coalesces values
 * (helm/helm pkg/chart/common/util/coalesce.go): the chart's values.yaml, each enabled subchart's
 * values under its alias (or name), subchart `global` keys merged into the parent's `global`.
 * Library charts hold no values of their own; their templates run with the parent's values.
 */
export function chartValuesType(files: ChartFiles, dir: string): TypeNode {
  const chartYaml = readChartYaml(files, dir);
  const subcharts = subchartDirs(files, dir).map((subDir) => ({ dir: subDir, chart: readChartYaml(files, subDir) }));
  const collector = new UsageCollector();
  for (const path of templatesOf(files, dir)) collector.add(text(files.get(path)!));
  for (const sub of subcharts) if (sub.chart.type === "library") for (const path of templatesOf(files, sub.dir)) collector.add(text(files.get(path)!));

  const valuesData = files.get(`${dir}/values.yaml`);
  let node = inferValues(valuesData === undefined ? "" : text(valuesData), collector.usage, { chart: `${dir}` });
  const schemaData = files.get(`${dir}/values.schema.json`);
  if (schemaData !== undefined) {
    const schema = JSON.parse(text(schemaData)) as Record<string, unknown>;
    node = combine(fromSchema(schema, schema), node);
  }
  if (node.kind !== "object") return node;

  const props = new Map(node.props);
  for (const dependency of chartYaml.dependencies ?? []) {
    const sub = subcharts.find((s) => s.chart.name === dependency.name);
    if (sub === undefined || sub.chart.type === "library") continue;
    const key = dependency.alias ?? dependency.name;
    let subNode = chartValuesType(files, sub.dir);
    if (subNode.kind === "object") {
      const global = subNode.props.get("global");
      if (global !== undefined) {
        const subProps = new Map(subNode.props);
        subProps.delete("global");
        subNode = objectNode(subProps, subNode.open);
        const parentGlobal = props.get("global");
        props.set("global", parentGlobal === undefined ? global : { ...parentGlobal, node: mergeNodes(parentGlobal.node, global.node) });
      }
      // `condition: <key>.enabled` is read by Helm itself (pkg/chart/v2/util/dependencies.go processDependencyConditions).
      for (const path of (dependency.condition ?? "").split(",").map((p) => p.trim())) {
        if (path === `${key}.enabled` && !subNode.props.has("enabled")) {
          subNode = objectNode(new Map([...subNode.props, ["enabled", prop({ kind: "scalar", type: "boolean" })]]), subNode.open);
        }
      }
    }
    const parent = props.get(key);
    props.set(key, parent === undefined ? prop(subNode) : { ...parent, node: mergeNodes(subNode, parent.node) });
  }
  // Every chart accepts `global` (Helm passes it to all subcharts).
  if (!props.has("global")) props.set("global", prop(freeForm));
  return objectNode(props, node.open) satisfies ObjectNode;
}

/** The values type of a packaged chart (its root folder is the chart's name). */
export function archiveValuesType(archive: Uint8Array): { readonly node: TypeNode; readonly chart: ChartYaml & { readonly version?: string } } {
  const files = chartFiles(archive);
  const root = [...files.keys()].map((path) => path.split("/")[0]!).find((dir) => files.has(`${dir}/Chart.yaml`));
  if (root === undefined) throw new Error("the archive holds no <chart>/Chart.yaml");
  return { node: chartValuesType(files, root), chart: readChartYaml(files, root) };
}
