import { execFileSync } from "node:child_process";
import { symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { userErrorMessage as refusal } from "../testing/rejection.js";
import { scratchDirs } from "../testing/scratch.js";
import { invalidUtf8Offset, MAX_INVENTORY_BYTES, readInventoryFiles } from "./read.js";

const scratch = scratchDirs("k8s-gitops-read-");
afterAll(() => scratch.cleanup());

describe("readInventoryFiles", () => {
  it("GIVEN an inventory that links to a file outside the repository WHEN reading THEN it is refused without its content", async () => {
    const repo = scratch.make();
    const outside = scratch.withFiles({ "passwd": "root:x:0:0:root:/root:/bin/bash\n" });
    symlinkSync(join(outside, "passwd"), join(repo, "inventory.yaml"));

    const message = await refusal(readInventoryFiles([join(repo, "inventory.yaml")], { root: repo }));

    expect(message).toContain("is a symbolic link to");
    expect(message).toContain("outside the repository");
    expect(message).not.toContain("root:x");
  });

  it("GIVEN an inventory in a folder that links outside the repository WHEN reading THEN it is refused without its content", async () => {
    const repo = scratch.make();
    const outside = scratch.withFiles({ "inventory.yaml": "secret: outside\n" });
    symlinkSync(outside, join(repo, "infra"));

    const message = await refusal(readInventoryFiles([join(repo, "infra/inventory.yaml")], { root: repo }));

    expect(message).toContain("lies in a linked folder that leads to");
    expect(message).not.toContain("secret");
  });

  it("GIVEN an inventory that links inside the repository WHEN reading THEN it is read", async () => {
    const repo = scratch.withFiles({ "real/inventory.yaml": "cluster: {}\n" });
    symlinkSync("real/inventory.yaml", join(repo, "inventory.yaml"));

    const [source] = await readInventoryFiles([join(repo, "inventory.yaml")], { root: repo });

    expect(source?.text).toBe("cluster: {}\n");
  });

  it("GIVEN a FIFO or a character device as inventory WHEN reading THEN it is refused at once, naming what it is", async () => {
    const dir = scratch.make();
    execFileSync("mkfifo", [join(dir, "fifo.yaml")]);

    expect(await refusal(readInventoryFiles([join(dir, "fifo.yaml")]))).toContain("is a FIFO (named pipe), not a regular file");
    expect(await refusal(readInventoryFiles(["/dev/zero"]))).toContain("/dev/zero: it is a character device");
  });

  it("GIVEN an inventory over the size limit WHEN reading THEN it is refused before parsing", async () => {
    const dir = scratch.make();
    writeFileSync(join(dir, "big.yaml"), `# ${"x".repeat(MAX_INVENTORY_BYTES)}\n`);

    expect(await refusal(readInventoryFiles([join(dir, "big.yaml")]))).toMatch(/big\.yaml: it is \d+ bytes, more than the 1048576 bytes/);
  });

  it("GIVEN a byte that is not UTF-8 on line 2 WHEN reading THEN the error says file:line:col and the byte", async () => {
    const dir = scratch.make();
    const path = join(dir, "latin1.yaml");
    writeFileSync(path, Buffer.concat([Buffer.from("cluster:\n  name: é-"), Buffer.from([0xe9]), Buffer.from("\n")]));

    expect(await refusal(readInventoryFiles([path]))).toBe(`${path}:2:11: not valid UTF-8 (byte 0xE9); save the inventory as UTF-8`);
  });

  it("GIVEN a missing inventory WHEN reading THEN the error says so in plain words", async () => {
    expect(await refusal(readInventoryFiles(["/nonexistent/inventory.yaml"]))).toBe(
      "cannot read inventory file /nonexistent/inventory.yaml: it does not exist",
    );
  });
});

describe("invalidUtf8Offset", () => {
  it("GIVEN well-formed and malformed sequences WHEN scanning THEN only malformed ones are found (RFC 3629)", () => {
    expect(invalidUtf8Offset(Buffer.from("aé€😀"))).toBeUndefined();
    expect(invalidUtf8Offset(Buffer.from([0x61, 0xc0, 0x80]))).toBe(1); // overlong NUL
    expect(invalidUtf8Offset(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0); // surrogate U+D800
    expect(invalidUtf8Offset(Buffer.from([0xf4, 0x90, 0x80, 0x80]))).toBe(0); // above U+10FFFF
    expect(invalidUtf8Offset(Buffer.from([0x61, 0x62, 0xe2, 0x82]))).toBe(2); // truncated
    expect(invalidUtf8Offset(Buffer.from([0x80]))).toBe(0); // lone continuation
  });
});
