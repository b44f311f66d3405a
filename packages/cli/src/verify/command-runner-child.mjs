// The small process that starts verify's helm and kubectl commands (see command-runner.ts): a
// request `{ id, file, args, input, maxBuffer }` arrives over the IPC channel; the reply is
// `{ id, stdout, stderr, error }` with `error` undefined when the command exited with 0.
import { execFile } from "node:child_process";

process.on("message", (request) => {
  const { id, file, args, input, maxBuffer, env } = request;
  const options = { encoding: "utf8", maxBuffer, ...(env === undefined ? {} : { env: { ...process.env, ...env } }) };
  const child = execFile(file, args, options, (error, stdout, stderr) => {
    const failure = error === null ? undefined : { message: error.message, code: error.code, signal: error.signal, killed: error.killed };
    process.send({ id, stdout, stderr, error: failure });
  });
  // A command that exits without reading its input (EPIPE) reports through its exit status.
  child.stdin.on("error", () => {});
  child.stdin.end(input ?? "");
});
process.on("disconnect", () => process.exit(0));
