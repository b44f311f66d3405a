import { isUserError } from "@k8s-gitops/core";
import { parseGenerateArgs, usage } from "k8s-gitops/args";
import { runGenerate } from "k8s-gitops/generate";

const argv = process.argv.slice(2);
const debug = argv.includes("--debug");

try {
  const args = parseGenerateArgs(argv);
  if (args.help) {
    process.stdout.write(usage);
  } else {
    const result = await runGenerate(args);
    process.stdout.write(`${result.output}\n`);
    process.exitCode = result.exitCode;
  }
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  if (debug) process.stderr.write(`error: ${error instanceof Error ? (error.stack ?? message) : message}\n`);
  else if (isUserError(error)) process.stderr.write(`error: ${message}\n`);
  else process.stderr.write(`internal error: ${message}\n(rerun with --debug for the stack trace)\n`);
  process.exitCode = 2;
}
