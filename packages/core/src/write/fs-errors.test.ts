import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { isUserError } from "../errors/index.js";
import { userErrorMessage } from "../testing/rejection.js";
import { scratchDirs } from "../testing/scratch.js";
import { explainFsError } from "./fs-errors.js";
import { WORK_DIR } from "./paths.js";
import { generated, readTree } from "./testing/tree.js";
import { writeTree } from "./write-tree.js";

const scratch = scratchDirs("k8s-gitops-fs-errors-");
afterAll(() => scratch.cleanup());

function systemError(code: string, syscall: string, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${syscall} '${path}'`), { code, syscall, path });
}

describe("explainFsError", () => {
  it("GIVEN a read-only file system WHEN the writer fails THEN the message names the operation, the path and the cause", () => {
    const explained = explainFsError(systemError("EROFS", "mkdir", "/repo/generated/.k8s-gitops-work"), "cannot write into /repo/generated");

    expect(isUserError(explained)).toBe(true);
    expect((explained as Error).message).toBe(
      "cannot write into /repo/generated: cannot create the directory /repo/generated/.k8s-gitops-work: the file system is read-only (EROFS)",
    );
  });

  it("GIVEN exhausted space, inodes or quota WHEN the writer fails THEN each is said in plain words", () => {
    expect(String(explainFsError(systemError("ENOSPC", "open", "/g/a.yaml"), "x"))).toContain("no space left on the device (or no free inodes) (ENOSPC)");
    expect(String(explainFsError(systemError("EDQUOT", "write", "/g/a.yaml"), "x"))).toContain("the disk quota is exhausted (EDQUOT)");
    expect(String(explainFsError(systemError("EACCES", "rename", "/g/a.yaml"), "x"))).toContain("cannot move /g/a.yaml: permission denied (EACCES)");
  });

  it("GIVEN an error that is not a system error WHEN explained THEN it is returned unchanged (it stays an internal error)", () => {
    const bug = new TypeError("x is undefined");
    expect(explainFsError(bug, "context")).toBe(bug);
  });

  it("GIVEN a file name too long for the file system WHEN writing THEN a UserError names it and the tree is untouched", async () => {
    const outDir = join(scratch.make(), "generated");
    await writeTree(generated({ "a.yaml": "a\n" }), { outDir });
    const before = await readTree(outDir);

    const message = await userErrorMessage(writeTree(generated({ "a.yaml": "b\n", [`${"n".repeat(300)}.yaml`]: "x\n" }), { outDir }));

    expect(message).toMatch(/cannot write the generated files into .*: cannot open .*nnnn\.yaml: the path is too long for the file system \(ENAMETOOLONG\)/);
    expect(await readTree(outDir)).toEqual(before);
    expect(existsSync(join(outDir, WORK_DIR))).toBe(false);
  });
});
