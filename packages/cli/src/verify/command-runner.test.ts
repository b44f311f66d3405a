import { describe, expect, it } from "vitest";
import { goToolEnvironment, runCommand, stopCommandRunner } from "./command-runner.js";

describe("runCommand", () => {
  it("GIVEN a command reading stdin THEN it receives the input and its stdout and stderr come back", async () => {
    await expect(runCommand("sh", ["-c", "cat; echo note >&2"], { input: "values: 1\n" })).resolves.toEqual({ stdout: "values: 1\n", stderr: "note\n" });
  });

  it("GIVEN a command that exits non-zero THEN it rejects like execFile, with the exit code and stderr", async () => {
    const error = await runCommand("sh", ["-c", "echo broken >&2; exit 3"]).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 3, stderr: "broken\n", stdout: "" });
    expect((error as Error).message).toMatch(/^Command failed: sh -c/);
  });

  it("GIVEN env THEN the command sees it added to the inherited environment", async () => {
    const { stdout } = await runCommand("sh", ["-c", 'echo "$K8S_GITOPS_TEST_VAR $HOME"'], { env: { K8S_GITOPS_TEST_VAR: "set" } });
    expect(stdout).toBe(`set ${process.env["HOME"]}\n`);
  });

  it("GIVEN a program that does not exist THEN it rejects with ENOENT", async () => {
    await expect(runCommand("/nonexistent/k8s-gitops-tool", [])).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("GIVEN concurrent commands THEN each gets its own output, and after stopCommandRunner the next command starts a new helper", async () => {
    const outputs = await Promise.all(Array.from({ length: 6 }, (_, index) => runCommand("sh", ["-c", `sleep 0.0${index}; echo ${index}`])));
    expect(outputs.map((o) => o.stdout)).toEqual(["0\n", "1\n", "2\n", "3\n", "4\n", "5\n"]);
    await stopCommandRunner();
    await expect(runCommand("echo", ["again"])).resolves.toEqual({ stdout: "again\n", stderr: "" });
    await stopCommandRunner();
  });
});

describe("goToolEnvironment", () => {
  it("GIVEN no GOGC set THEN helm and kubectl run with GOGC=400; GIVEN the user's GOGC THEN it is kept", () => {
    expect([goToolEnvironment({}), goToolEnvironment({ GOGC: "100" })]).toEqual([{ GOGC: "400" }, { GOGC: "100" }]);
  });
});
