/**
 * `k8s-gitops fetch charts [--dir DIR] [DIR_OF_TREE]`
 *
 * Pulls every chart the generated tree pins, at exactly the pinned version, with `helm pull` into
 * the chart cache (`${XDG_CACHE_HOME:-~/.cache}/k8s-gitops/charts/<chart>/<chart>-<version>.tgz`),
 * the layout `pnpm verify` reads besides `../shared/charts`. Archives already there are kept.
 * Charts on the offline-unavailable list are tried too; their failure is reported, not fatal
 * (verify skips them anyway).
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { UserError } from "@k8s-gitops/core/errors";
import { type ChartPin, chartPins } from "./verify/chart-pins.js";
import { offlineUnavailableCharts } from "./verify/helm-charts.js";
import { cacheDir } from "@k8s-gitops/core/cache";
import { resolveHelm } from "./verify/helm-tool.js";
import { readTree } from "./verify/tree.js";

const run = promisify(execFile);

export const usage = `Usage: k8s-gitops fetch charts [--dir DIR] [TREE]

Pulls every chart pinned in TREE (default: the estate's output folder) with helm pull into DIR (default: ${cacheDir("charts")}).
`;

/**
 * The `helm pull` arguments for a pin: `oci://…/chart --version V` for OCI charts, else
 * `chart --repo URL --version V`; the archive lands in `<dir>/<chart>/`.
 */
export function pullArgs(pin: ChartPin, dir: string): string[] {
  const target = ["--version", pin.version, "--destination", join(dir, pin.chart)];
  return pin.oci ? ["pull", pin.source, ...target] : ["pull", pin.chart, "--repo", pin.source, ...target];
}

/** Parses the command line. @throws UserError on an unknown option. */
export function parseFetchChartsArgs(argv: readonly string[], defaultTree: string): { dir: string; tree: string; help: boolean } {
  let dir = cacheDir("charts");
  let tree = defaultTree;
  let help = false;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg === "--") continue;
    if (arg === "--help" || arg === "-h") help = true;
    else if (arg === "--dir") {
      const value = argv[++index];
      if (value === undefined) throw new UserError("--dir needs a directory");
      dir = resolve(value);
    } else if (arg.startsWith("-")) throw new UserError(`unknown option ${arg}\n${usage}`);
    else tree = resolve(arg);
  }
  return { dir, tree, help };
}

/** `k8s-gitops fetch charts`: pulls every chart the tree pins that is not in DIR yet. */
export async function fetchCharts(args: { readonly dir: string; readonly tree: string }): Promise<void> {
  const helm = await resolveHelm();
  process.stdout.write(`fetch charts: ${helm.path} (${helm.version}, ${helm.source}) into ${args.dir}\n`);
  const failures: string[] = [];
  for (const pin of chartPins(readTree(args.tree))) {
    const archive = join(args.dir, pin.chart, `${pin.chart}-${pin.version}.tgz`);
    if (existsSync(archive)) continue;
    mkdirSync(join(args.dir, pin.chart), { recursive: true });
    try {
      await run(helm.path, pullArgs(pin, args.dir), { encoding: "utf8" });
      process.stdout.write(`  pulled ${pin.chart} ${pin.version}\n`);
    } catch (error) {
      if (offlineUnavailableCharts.some((entry) => entry.chart === pin.chart)) {
        process.stdout.write(`  not pulled (on the offline-unavailable list, verify skips it): ${pin.chart} ${pin.version}\n`);
        continue;
      }
      failures.push(`${pin.chart} ${pin.version} (${pin.source}, pinned in ${pin.file}): ${((error as { stderr?: string }).stderr ?? String(error)).trim()}`);
    }
  }
  if (failures.length > 0) throw new UserError(`fetch charts: ${failures.length} chart(s) could not be pulled:\n  ${failures.join("\n  ")}`);
}
