import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { isUserError, UserError } from "@k8s-gitops/core/errors";
import type { Project } from "./config.js";
import { stampArgs } from "./fast.js";
import { inputFiles, stampPath, writeStamp } from "./stamp.js";

// Each command imports its own modules when it runs: the renderer (every component,
// kubernetes-models), verify (ajv, the schema catalogue), fetch and core's index cost about 2 s of
// CPU to load, which `init` and `--help` do not need, and a generate does not load verify.

export const usage = `Usage: k8s-gitops <command> [options]

Commands:
  generate   render the estate of k8s-gitops.config.ts into its output folder
  check      write nothing; exit 1 and list the differences when the output is out of date
  diff       show what generate would change (exit 0; --exit-code: exit 1 when there are differences)
  verify     prove the output is accepted by the real tools (kustomize, schemas, helm, Flux graph)
  fetch      download the upstream schemas and the pinned charts verify reads (fetch schemas|charts)
  init       scaffold a new estate repository (k8s-gitops init --help)

Every command takes --config FILE (default: k8s-gitops.config.ts in the working directory or the
nearest folder above) and --debug (stack traces). Exit codes: 0 ok, 1 differences or problems,
2 bad input. \`k8s-gitops <command> --help\` describes a command.
`;

const verifyUsage = `Usage: k8s-gitops verify [--config FILE] [DIR]

Verifies the generated tree in DIR (default: the config's outDir). See docs/verify.md.
`;

/** What main needs besides argv; tests and the workspace launcher fill it in. */
export interface MainOptions {
  readonly cwd?: string;
  /** The config already imported (the workspace launcher bundles it with the CLI). */
  readonly preloaded?: { readonly configPath: string; readonly exported: unknown };
  /**
   * Record a stamp after a successful generate, so the next no-op run ends early (fast.ts):
   * `loaded` lists every module file this process loaded, `extra` digests of other inputs. Without
   * it no stamp is written: a stamp that misses an input could make stale output look current.
   */
  readonly stamp?: { readonly loaded: () => readonly string[]; readonly extra: readonly string[] };
}

const out = (text: string): void => void process.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
const err = (text: string): void => void process.stderr.write(text.endsWith("\n") ? text : `${text}\n`);

async function project(options: MainOptions, config: string | undefined): Promise<Project> {
  const { loadProject, projectOf } = await import("./config.js");
  if (config === undefined && options.preloaded) return projectOf(options.preloaded.configPath, options.preloaded.exported);
  return loadProject(options.cwd ?? process.cwd(), config);
}

/** `--config FILE` and `--help` out of a command line; the rest is the command's own. */
function commonFlags(argv: readonly string[]): { config?: string; help: boolean; rest: string[] } {
  const rest: string[] = [];
  let config: string | undefined;
  let help = false;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg === "--config") {
      config = argv[++index];
      if (config === undefined) throw new UserError("--config needs a file");
    } else if (arg.startsWith("--config=")) config = arg.slice("--config=".length);
    else if (arg === "--help" || arg === "-h") help = true;
    else if (arg !== "--debug" && arg !== "--") rest.push(arg);
  }
  return { ...(config === undefined ? {} : { config }), help, rest };
}

async function generate(argv: readonly string[], options: MainOptions, mode: "generate" | "check" | "diff"): Promise<number> {
  const { parseGenerateArgs, usage: generateUsage } = await import("./args.js");
  const exitCodeFlag = mode === "diff" && argv.includes("--exit-code");
  const args = parseGenerateArgs([...argv.filter((a) => a !== "--exit-code"), ...(mode === "generate" ? [] : ["--check"])]);
  if (args.help) {
    out(generateUsage);
    return 0;
  }
  const loaded = await project(options, args.config);
  const { runGenerate } = await import("./generate.js");
  const result = await runGenerate(args, loaded);
  const recorded = mode === "generate" ? stampArgs(["generate", ...argv.filter((a) => a !== "--force" && a !== "--debug")], options.cwd ?? process.cwd()) : undefined;
  if (recorded !== undefined && result.exitCode === 0 && options.stamp) {
    const outDir = args.out ? resolve(args.out) : loaded.outDir;
    const stampFile = stampPath(loaded.configPath);
    writeStamp(stampFile, outDir, recorded.args, options.stamp.extra, inputFiles(loaded.configPath, outDir, options.stamp.loaded()));
  }
  out(result.output);
  return mode === "diff" && !exitCodeFlag ? 0 : result.exitCode;
}

async function verify(argv: readonly string[], options: MainOptions): Promise<number> {
  const { config, help, rest } = commonFlags(argv);
  if (help) {
    out(verifyUsage);
    return 0;
  }
  if (rest.length > 1 || rest.some((arg) => arg.startsWith("-"))) throw new UserError(`unexpected arguments ${rest.join(" ")}\n${verifyUsage}`);
  const estate = await project(options, config);
  const [{ kubeVersionsOf, verifyTree }, { formatReport, uncheckedCounts }] = await Promise.all([import("./verify/verify-tree.js"), import("./verify/report.js")]);
  const root = rest[0] === undefined ? estate.outDir : resolve(options.cwd ?? process.cwd(), rest[0]);
  const start = process.hrtime.bigint();
  const report = await verifyTree(root, { kubeVersions: kubeVersionsOf(await estate.loadInventories()) });
  const output = formatReport(report, Number(process.hrtime.bigint() - start) / 1e9);
  // A run that checked nothing (an empty or wrong folder) is a failure, not a pass.
  const unchecked = uncheckedCounts(report.counts);
  if (report.problems.length > 0 || unchecked.length > 0) {
    err(unchecked.length > 0 ? `${output}\nverify: nothing checked in ${root}: ${unchecked.map((key) => `0 ${key}`).join(", ")}` : output);
    return 1;
  }
  out(output);
  return 0;
}

async function fetch(argv: readonly string[], options: MainOptions): Promise<number> {
  const [what, ...rest] = argv;
  if (what === "schemas") {
    const { runFetchSchemas } = await import("./fetch-schemas.js");
    const { exitCode, output } = await runFetchSchemas(rest);
    (exitCode === 0 ? out : err)(output);
    return exitCode;
  }
  if (what === "charts") {
    const { fetchCharts, parseFetchChartsArgs, usage: chartsUsage } = await import("./fetch-charts.js");
    const { config, help, rest: others } = commonFlags(rest);
    if (help) {
      out(chartsUsage);
      return 0;
    }
    const args = parseFetchChartsArgs(others, others.some((a) => !a.startsWith("-")) ? "" : (await project(options, config)).outDir);
    await fetchCharts(args);
    return 0;
  }
  if (what === "--help" || what === "-h") {
    const [{ usage: schemasUsage }, { usage: chartsUsage }] = await Promise.all([import("./fetch-schemas.js"), import("./fetch-charts.js")]);
    out(`Usage: k8s-gitops fetch schemas|charts [options]\n\n${schemasUsage}\n${chartsUsage}`);
    return 0;
  }
  throw new UserError(`fetch ${what === undefined ? "" : JSON.stringify(what)}: say what to fetch: \`k8s-gitops fetch schemas\` or \`k8s-gitops fetch charts\``);
}

function version(): string {
  return (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;
}

/** Runs one command line; returns the exit code (0 ok, 1 differences or problems, 2 bad input or a failure). */
export async function main(argv: readonly string[], options: MainOptions = {}): Promise<number> {
  const debug = argv.includes("--debug");
  try {
    const [command, ...rest] = argv;
    switch (command) {
      case "generate":
        return await generate(rest, options, "generate");
      case "check":
        return await generate(rest, options, "check");
      case "diff":
        return await generate(rest, options, "diff");
      case "verify":
        return await verify(rest, options);
      case "fetch":
        return await fetch(rest, options);
      case "init": {
        const { initUsage, runInit } = await import("./init.js");
        if (rest.includes("--help") || rest.includes("-h")) {
          out(initUsage);
          return 0;
        }
        out(await runInit(rest, { cwd: options.cwd ?? process.cwd() }));
        return 0;
      }
      case "--version":
      case "-v":
        out(version());
        return 0;
      case undefined:
      case "help":
      case "--help":
      case "-h":
        out(usage);
        return command === undefined ? 2 : 0;
      default: {
        throw new UserError(`unknown command ${JSON.stringify(command)}\n${usage}`);
      }
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (debug) err(`error: ${error instanceof Error ? (error.stack ?? message) : message}`);
    else if (isUserError(error)) err(`error: ${message}`);
    else err(`internal error: ${message}\n(rerun with --debug for the stack trace)`);
    return 2;
  }
}
