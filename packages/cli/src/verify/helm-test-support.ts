import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll } from "vitest";
import type { ReleaseToRender, RenderOptions } from "./helm-render.js";
import { type HelmTool, resolveHelm } from "./helm-tool.js";

const run = promisify(execFile);

/** The fixture charts' source folders (`__fixtures__/charts/<name>`). */
export const fixtureChartDir = (name: string): string => fileURLToPath(new URL(`./__fixtures__/charts/${name}`, import.meta.url));

/**
 * Packages fixture charts with the real helm into a fresh chart root (`<root>/<chart>/<chart>-<version>.tgz`).
 * Fails (does not skip) when no helm can be found: the npm package is a dependency.
 */
export async function packagedFixtures(...names: string[]): Promise<{ root: string; helm: HelmTool; cleanup: () => void }> {
  const helm = await resolveHelm();
  const root = mkdtempSync(join(tmpdir(), "k8s-gitops-charts-"));
  for (const name of names) await run(helm.path, ["package", fixtureChartDir(name), "--destination", join(root, name)]);
  return { root, helm, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** A release of a fixture chart on cluster `demo`, namespace `web`. */
export function fixtureRelease(chart: string, values: Record<string, unknown> = {}, extra: Partial<ReleaseToRender> = {}): ReleaseToRender {
  return {
    cluster: "demo",
    file: `kubernetes/apps/demo/web/${chart}/helmrelease.yaml`,
    subject: `HelmRelease web/${chart}`,
    releaseName: chart,
    namespace: "web",
    ref: { chart, version: "1.0.0", repository: `oci://registry.example.net/charts/${chart}` },
    values,
    valuesPath: "spec.values",
    includeCrds: true,
    disableHooks: false,
    postRenderers: [],
    originLabels: {},
    ...extra,
  };
}

/** Render options for the fixtures: cluster `demo` on v1.35.4, no cache unless given. */
export function fixtureOptions(root: string, helm: HelmTool, extra: Partial<RenderOptions> = {}): RenderOptions {
  return { helm, chartRoots: [root], kubeVersions: new Map([["demo", "v1.35.4"]]), apiVersions: new Map(), ...extra };
}

/** Packages the fixture charts before the tests of the calling file and removes them after; read `root`/`helm` inside tests. */
export function useFixtureCharts(...names: string[]): { readonly root: string; readonly helm: HelmTool } {
  let packaged: Awaited<ReturnType<typeof packagedFixtures>> | undefined;
  beforeAll(async () => {
    packaged = await packagedFixtures(...names);
  }, 120_000);
  afterAll(() => packaged?.cleanup());
  return {
    get root(): string {
      return packaged!.root;
    },
    get helm(): HelmTool {
      return packaged!.helm;
    },
  };
}
