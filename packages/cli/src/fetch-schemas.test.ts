import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { isUserError } from "@k8s-gitops/core/errors";
import type { UpstreamFile } from "@k8s-gitops/core/schemas";
import { fetchSchemas, parseFetchArgs, runFetchSchemas } from "./fetch-schemas.js";
import type { FetchFunction } from "./fetch-schemas.js";

const scratch = mkdtempSync(join(tmpdir(), "fetch-schemas-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let dirCount = 0;
const freshDir = (): string => {
  dirCount += 1;
  return join(scratch, `out-${dirCount}`);
};

/** A fake `fetch` serving fixed bodies by URL (404 otherwise) and recording every requested URL. */
function fakeFetch(bodies: Record<string, string | Uint8Array>): FetchFunction & { calls: string[] } {
  const calls: string[] = [];
  const fn = async (url: string) => {
    calls.push(url);
    const body = bodies[url];
    const bytes = typeof body === "string" ? Buffer.from(body) : body;
    return {
      ok: bytes !== undefined,
      status: bytes === undefined ? 404 : 200,
      statusText: bytes === undefined ? "Not Found" : "OK",
      arrayBuffer: async () => {
        const copy = new Uint8Array(bytes ?? new Uint8Array());
        return copy.buffer;
      },
    };
  };
  return Object.assign(fn, { calls });
}

const listTree = (dir: string, prefix = ""): string[] =>
  readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const path = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
    return entry.isDirectory() ? listTree(dir, path) : [path];
  });

const jsonFile: UpstreamFile = { set: "talos", path: "talos/v1.13.9/config.schema.json", url: "https://example.test/talos.json" };
const yamlFile: UpstreamFile = { set: "crds", path: "crds/flux/v2.9.4/a.yaml", url: "https://example.test/a.yaml" };

describe("fetchSchemas", () => {
  test("GIVEN JSON and YAML files WHEN fetched THEN they land at their relative paths and no temp file is left", async () => {
    const dir = freshDir();
    const fetchFn = fakeFetch({ [jsonFile.url]: '{"$id":"talos"}', [yamlFile.url]: "kind: CustomResourceDefinition\n" });
    const summary = await fetchSchemas([jsonFile, yamlFile], { dir, fetchFn });
    expect(summary).toEqual({ downloaded: [yamlFile.path, jsonFile.path], skipped: [], failed: [] });
    expect(readFileSync(join(dir, jsonFile.path), "utf8")).toBe('{"$id":"talos"}');
    expect(listTree(dir).sort()).toEqual([yamlFile.path, jsonFile.path].sort());
  });

  test("GIVEN a file already present WHEN fetched THEN it is skipped unless force is set", async () => {
    const dir = freshDir();
    mkdirSync(join(dir, "talos", "v1.13.9"), { recursive: true });
    writeFileSync(join(dir, jsonFile.path), '{"old":true}');
    const fetchFn = fakeFetch({ [jsonFile.url]: '{"new":true}' });
    expect(await fetchSchemas([jsonFile], { dir, fetchFn })).toEqual({ downloaded: [], skipped: [jsonFile.path], failed: [] });
    expect(fetchFn.calls).toEqual([]);
    await fetchSchemas([jsonFile], { dir, fetchFn, force: true });
    expect(readFileSync(join(dir, jsonFile.path), "utf8")).toBe('{"new":true}');
  });

  test("GIVEN an HTTP error, a network error and an HTML page WHEN fetched THEN each fails with its reason and nothing is written", async () => {
    const dir = freshDir();
    const broken: UpstreamFile = { set: "helm", path: "helm/x/1.0.0/values.schema.json", url: "https://example.test/html" };
    const offline: UpstreamFile = { set: "helm", path: "helm/y/1.0.0/values.schema.json", url: "https://offline.test/y" };
    const serving = fakeFetch({ [broken.url]: "<html>rate limited</html>" });
    const fetchFn: FetchFunction = (url) => (url === offline.url ? Promise.reject(new Error("getaddrinfo ENOTFOUND")) : serving(url));
    const summary = await fetchSchemas([jsonFile, broken, offline], { dir, fetchFn });
    expect(summary.downloaded).toEqual([]);
    expect(summary.failed).toEqual([
      { path: broken.path, url: broken.url, reason: "response is not valid JSON" },
      { path: offline.path, url: offline.url, reason: "getaddrinfo ENOTFOUND" },
      { path: jsonFile.path, url: jsonFile.url, reason: "HTTP 404 Not Found" },
    ]);
    expect(existsSync(dir) ? listTree(dir) : []).toEqual([]);
  });

  const hasTar = (() => {
    try {
      execFileSync("tar", ["--version"], { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  })();

  test.skipIf(!hasTar)("GIVEN two files from one chart tarball WHEN fetched THEN the tarball is downloaded once and both are extracted", async () => {
    const chartDir = join(scratch, "chart");
    mkdirSync(join(chartDir, "cilium"), { recursive: true });
    writeFileSync(join(chartDir, "cilium", "values.schema.json"), '{"type":"object"}');
    writeFileSync(join(chartDir, "cilium", "other.json"), '{"other":1}');
    const tgz = join(scratch, "cilium.tgz");
    execFileSync("tar", ["-czf", tgz, "-C", chartDir, "cilium"]);
    const url = "https://example.test/cilium-1.20.0.tgz";
    const files: UpstreamFile[] = [
      { set: "helm", path: "helm/cilium/1.20.0/values.schema.json", url, archiveMember: "cilium/values.schema.json" },
      { set: "helm", path: "helm/cilium/1.20.0/other.json", url, archiveMember: "cilium/other.json" },
    ];
    const dir = freshDir();
    const fetchFn = fakeFetch({ [url]: readFileSync(tgz) });
    const summary = await fetchSchemas(files, { dir, fetchFn });
    expect(summary.failed).toEqual([]);
    expect(fetchFn.calls).toEqual([url]);
    expect(readFileSync(join(dir, "helm/cilium/1.20.0/values.schema.json"), "utf8")).toBe('{"type":"object"}');
    expect(readFileSync(join(dir, "helm/cilium/1.20.0/other.json"), "utf8")).toBe('{"other":1}');
  });
});

describe("runFetchSchemas", () => {
  test("GIVEN --only talos and an upstream that answers 404 WHEN run THEN exit code 1 and every Talos URL is named", async () => {
    const dir = freshDir();
    const fetchFn = fakeFetch({});
    const result = await runFetchSchemas(["--dir", dir, "--only", "talos"], fetchFn);
    expect(result.exitCode).toBe(1);
    expect(fetchFn.calls).toHaveLength(4);
    for (const url of fetchFn.calls) {
      expect(url).toMatch(/^https:\/\/raw\.githubusercontent\.com\/siderolabs\/talos\/v1\.\d+\.\d+\/pkg\/machinery\/config\/schemas\/config\.schema\.json$/);
      expect(result.output).toContain(`HTTP 404 Not Found (${url})`);
    }
    expect(result.output).toMatch(/4 schema file\(s\) could not be downloaded/);
  });

  test("GIVEN --only helm and a working upstream WHEN run twice THEN the second run downloads nothing", async () => {
    const dir = freshDir();
    const fetchFn: FetchFunction = async (url) => {
      if (url.endsWith(".tgz")) throw new Error("tarballs are covered elsewhere");
      return { ok: true, status: 200, statusText: "OK", arrayBuffer: async () => new TextEncoder().encode("{}").buffer };
    };
    const first = await runFetchSchemas([`--dir=${dir}`, "--only=helm"], fetchFn);
    expect(first.output).toMatch(/: 8 downloaded, 0 already present, 3 failed/);
    const second = await runFetchSchemas([`--dir=${dir}`, "--only=helm"], fetchFn);
    expect(second.output).toMatch(/: 0 downloaded, 8 already present, 3 failed/);
  });
});

describe("parseFetchArgs", () => {
  test("GIVEN no arguments WHEN parsed THEN all sets go to the default dir without force", () => {
    expect(parseFetchArgs([], "/cache")).toEqual({
      dir: "/cache",
      only: ["kubernetes", "crds-catalog", "crds", "talos", "helm"],
      force: false,
      help: false,
    });
  });

  test("GIVEN an unknown set or option WHEN parsed THEN a UserError names it", () => {
    const attempt = (argv: string[]): unknown => {
      try {
        return parseFetchArgs(argv, "/cache");
      } catch (error) {
        return error;
      }
    };
    const badSet = attempt(["--only", "talos,helmm"]);
    expect(isUserError(badSet) && badSet.message).toMatch(/unknown schema set\(s\) "helmm"/);
    const badFlag = attempt(["--forse"]);
    expect(isUserError(badFlag) && badFlag.message).toMatch(/unknown argument "--forse"/);
    expect(isUserError(attempt(["--dir"]))).toBe(true);
  });
});
