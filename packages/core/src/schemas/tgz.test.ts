import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, test } from "vitest";
import { extractFromTgz, readTgz } from "./tgz.js";

const hasTar = (() => {
  try {
    execFileSync("tar", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!hasTar)("extractFromTgz (archives made by the system tar)", () => {
  const scratch = mkdtempSync(join(tmpdir(), "tgz-"));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const longDir = `cilium/${"deeply-nested-folder/".repeat(6)}`;
  const files: Record<string, string> = {
    "cilium/Chart.yaml": "name: cilium\n",
    "cilium/values.schema.json": '{"type":"object"}\n',
    [`${longDir}values.schema.json`]: '{"long":true}\n',
  };
  const source = join(scratch, "src");
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(source, path)), { recursive: true });
    writeFileSync(join(source, path), content);
  }

  test.each(["gnu", "pax", "ustar"])("GIVEN a %s-format chart tarball WHEN a member is extracted THEN its bytes are returned", (format) => {
    const archive = join(scratch, `chart-${format}.tgz`);
    execFileSync("tar", [`--format=${format}`, "-czf", archive, "-C", source, "cilium"]);
    const bytes = readFileSync(archive);
    for (const [path, content] of Object.entries(files)) {
      expect(Buffer.from(extractFromTgz(bytes, path) ?? []).toString("utf8")).toBe(content);
    }
    expect(extractFromTgz(bytes, "cilium/values.yaml")).toBeUndefined();
  });

  test.each(["gnu", "pax", "ustar"])("GIVEN a %s-format chart tarball WHEN it is read whole THEN every regular file is listed with its bytes, folders are not", (format) => {
    const archive = join(scratch, `all-${format}.tgz`);
    execFileSync("tar", [`--format=${format}`, "-czf", archive, "-C", source, "cilium"]);
    const entries = readTgz(readFileSync(archive));
    expect(Object.fromEntries(entries.map((entry) => [entry.path, Buffer.from(entry.data).toString("utf8")]))).toEqual(files);
  });
});

describe("extractFromTgz", () => {
  test("GIVEN an empty tar WHEN a member is extracted THEN undefined is returned", () => {
    expect(extractFromTgz(gzipSync(Buffer.alloc(1024)), "a")).toBeUndefined();
  });
});
