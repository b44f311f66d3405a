import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { isUserError } from "../errors/index.js";
import { defaultSchemaCacheDir, resolveSchemaRoot, schemasDirEnv } from "./root.js";

const scratch = mkdtempSync(join(tmpdir(), "schema-root-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A folder tree: `<base>/repo` (workspace root), optionally `<base>/shared/schemas`, a home and an env dir. */
function layout(name: string, withShared: boolean) {
  const base = join(scratch, name);
  const repo = join(base, "repo");
  mkdirSync(join(repo, "packages", "core"), { recursive: true });
  writeFileSync(join(repo, "pnpm-workspace.yaml"), "packages: []\n");
  const shared = join(base, "shared", "schemas");
  if (withShared) mkdirSync(join(shared, "talos"), { recursive: true });
  const home = join(base, "home");
  const outside = join(base, "outside");
  mkdirSync(outside, { recursive: true });
  return { base, repo, shared, home, outside, cwd: join(repo, "packages", "core") };
}

const makeSchemaDir = (path: string): string => {
  mkdirSync(join(path, "helm"), { recursive: true });
  return path;
};

describe("resolveSchemaRoot", () => {
  test("GIVEN the env var points at a schema folder WHEN resolved THEN it wins over the shared folder", () => {
    const t = layout("env-wins", true);
    const fromEnv = makeSchemaDir(join(t.base, "env-schemas"));
    expect(resolveSchemaRoot({ env: { [schemasDirEnv]: fromEnv }, cwd: t.cwd, moduleDir: t.outside, homeDir: t.home })).toBe(fromEnv);
  });

  test("GIVEN a working directory inside the repo WHEN resolved THEN <repo>/../shared/schemas is found", () => {
    const t = layout("from-cwd", true);
    expect(resolveSchemaRoot({ env: {}, cwd: t.cwd, moduleDir: t.outside, homeDir: t.home })).toBe(t.shared);
  });

  test("GIVEN a working directory outside the repo WHEN resolved THEN the module location finds the shared folder", () => {
    const t = layout("from-module", true);
    expect(resolveSchemaRoot({ env: {}, cwd: t.outside, moduleDir: t.cwd, homeDir: t.home })).toBe(t.shared);
  });

  test("GIVEN no shared folder WHEN resolved THEN the XDG cache is used, else ~/.cache", () => {
    const t = layout("cache", false);
    const xdg = makeSchemaDir(join(t.base, "xdg", "k8s-gitops", "schemas"));
    expect(resolveSchemaRoot({ env: { XDG_CACHE_HOME: join(t.base, "xdg") }, cwd: t.cwd, moduleDir: t.outside, homeDir: t.home })).toBe(xdg);
    const homeCache = makeSchemaDir(join(t.home, ".cache", "k8s-gitops", "schemas"));
    expect(resolveSchemaRoot({ env: {}, cwd: t.cwd, moduleDir: t.outside, homeDir: t.home })).toBe(homeCache);
    expect(defaultSchemaCacheDir({}, t.home)).toBe(homeCache);
  });

  test("GIVEN no candidate holds schemas WHEN resolved THEN a UserError tells the user to run k8s-gitops fetch schemas", () => {
    const t = layout("none", false);
    let caught: unknown;
    try {
      resolveSchemaRoot({ env: {}, cwd: t.cwd, moduleDir: t.outside, homeDir: t.home });
    } catch (error) {
      caught = error;
    }
    expect(isUserError(caught)).toBe(true);
    expect((caught as Error).message).toContain("k8s-gitops fetch schemas");
    expect((caught as Error).message).toContain(t.shared);
  });

  test("GIVEN the env var points at an empty folder WHEN resolved THEN it fails naming the variable instead of falling back", () => {
    const t = layout("bad-env", true);
    const empty = join(t.base, "empty");
    mkdirSync(empty);
    expect(() => resolveSchemaRoot({ env: { [schemasDirEnv]: empty }, cwd: t.cwd, moduleDir: t.outside, homeDir: t.home })).toThrow(
      new RegExp(`${schemasDirEnv}=.*empty`),
    );
  });

  test("GIVEN an explicit root WHEN resolved THEN it is used without searching", () => {
    const t = layout("explicit", true);
    const explicit = makeSchemaDir(join(t.base, "explicit"));
    expect(resolveSchemaRoot({ root: explicit, env: {}, cwd: t.cwd, moduleDir: t.cwd, homeDir: t.home })).toBe(explicit);
  });
});
