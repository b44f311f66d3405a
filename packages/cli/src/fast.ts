// `k8s-gitops generate` / `check` when nothing changed since the last generate: answered from the
// stamp (stamp.ts) before the generator is loaded. Only node: built-ins and two small modules.
import { resolve } from "node:path";
import { locateConfig } from "./locate.js";
import { currentStamp, stampPath } from "./stamp.js";

/** Flags whose values the stamp records; any other flag (--force, --debug, --help, ...) runs in full. */
const valueFlags = new Set(["--config", "--cluster", "--out", "--git-path"]);
const booleanFlags = new Set(["--adopt"]);

/**
 * The command line as the stamp records it: `generate` or `check` and its flags in a canonical
 * order, or undefined when the stamp cannot answer for it.
 */
export function stampArgs(argv: readonly string[], cwd: string): { readonly command: "generate" | "check"; readonly config?: string; readonly args: string[] } | undefined {
  const [command, ...rest] = argv.filter((arg) => arg !== "--");
  const check = command === "check" || (command === "generate" && rest.includes("--check"));
  if (command !== "generate" && command !== "check") return undefined;
  const pairs: string[] = [];
  let config: string | undefined;
  for (let index = 0; index < rest.length; index++) {
    const arg = rest[index]!;
    if (arg === "--check") continue;
    const [flag, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    if (booleanFlags.has(flag)) pairs.push(flag);
    else if (valueFlags.has(flag)) {
      const value = inline ?? rest[++index];
      if (value === undefined) return undefined;
      if (flag === "--config") config = value;
      else pairs.push(`${flag}=${flag === "--out" ? resolve(cwd, value) : value}`);
    } else return undefined;
  }
  return { command: check ? "check" : "generate", ...(config === undefined ? {} : { config }), args: pairs.sort() };
}

/**
 * The line a no-op `generate` or `check` prints when the stamp of the config proves the output
 * current, else undefined (the caller runs the full command).
 * @param extra digests of inputs that are not files (the workspace launcher's bundle hash)
 */
export function fastPath(argv: readonly string[], cwd: string, extra: readonly string[] = [], env: NodeJS.ProcessEnv = process.env): string | undefined {
  const start = process.hrtime.bigint();
  const parsed = stampArgs(argv, cwd);
  if (parsed === undefined) return undefined;
  const config = locateConfig(cwd, parsed.config);
  if (config === undefined) return undefined;
  const stamp = currentStamp(stampPath(config, env), parsed.args, extra);
  if (stamp === undefined) return undefined;
  const files = Object.keys(stamp.outputs).length - 1;
  const seconds = (Number(process.hrtime.bigint() - start) / 1e9).toFixed(2);
  return parsed.command === "check"
    ? `check: ${files} files up to date in ${seconds}s (inputs and output unchanged since the last generate)`
    : `generate: 0 written, ${files} unchanged, 0 removed in ${seconds}s (inputs and output unchanged since the last generate)`;
}
