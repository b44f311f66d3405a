import { describe, expect, test } from "vitest";
import { isTestFile, packedFilesProblems, publishedManifestProblems, supportedNode } from "./manifest.js";

const fit = {
  name: "@k8s-gitops/example",
  version: "1.0.0",
  description: "example",
  license: "Apache-2.0",
  repository: { type: "git", url: "git+https://example.net/x.git" },
  sideEffects: false,
  publishConfig: { access: "public" },
  exports: {
    ".": { types: "./dist/index.d.ts", default: "./dist/index.js" },
    "./testing": null,
    "./*": { types: "./dist/*/index.d.ts", default: "./dist/*/index.js" },
    "./package.json": "./package.json",
  },
  engines: { node: supportedNode },
  dependencies: { yaml: "2.9.1" },
};

const fitFiles = ["package.json", "README.md", "dist/index.js", "dist/index.d.ts", "dist/merge/index.js", "dist/merge/index.d.ts", "src/merge/index.ts"];

describe("publishedManifestProblems", () => {
  test("GIVEN core as a normal dependency and engines of Node 20 WHEN checked THEN both are reported", () => {
    const problems = publishedManifestProblems({ ...fit, engines: { node: ">=20.19.0" }, dependencies: { "@k8s-gitops/core": "0.1.0" } });
    expect(problems).toEqual([
      `@k8s-gitops/example: engines.node is ">=20.19.0", expected ${JSON.stringify(supportedNode)}`,
      "@k8s-gitops/example: dependencies.@k8s-gitops/core: must be a peerDependency, or a consumer on another version gets two copies",
    ]);
  });

  test("GIVEN a tarball without README WHEN listed THEN it is reported", () => {
    expect(packedFilesProblems(fit, fitFiles.filter((path) => path !== "README.md"))).toEqual(["ships no README.md"]);
  });

  test("GIVEN a manifest fit to publish WHEN checked THEN there is no problem", () => {
    expect(publishedManifestProblems(fit)).toEqual([]);
  });

  test("GIVEN the workspace's source condition left in exports WHEN checked THEN it is reported per subpath", () => {
    const leaky = { ...fit, exports: { ...fit.exports, ".": { source: "./src/index.ts", ...fit.exports["."] } } };
    expect(publishedManifestProblems(leaky)).toEqual([expect.stringMatching(/exports\["\."\].*"source" condition/)]);
  });

  test("GIVEN default before types WHEN checked THEN both ordering rules are reported", () => {
    const misordered = { ...fit, exports: { ...fit.exports, "./*": { default: "./dist/*/index.js", types: "./dist/*/index.d.ts" } } };
    const problems = publishedManifestProblems(misordered);
    expect(problems).toContainEqual(expect.stringMatching(/"default" is not the last condition/));
    expect(problems).toContainEqual(expect.stringMatching(/"types" comes after "default"/));
  });

  test("GIVEN a workspace: dependency and no publishConfig WHEN checked THEN both are reported", () => {
    const { publishConfig: _dropped, ...rest } = fit;
    const problems = publishedManifestProblems({ ...rest, dependencies: { "@k8s-gitops/core": "workspace:*" } });
    expect(problems).toContainEqual(expect.stringMatching(/dependencies\.@k8s-gitops\/core is "workspace:\*"/));
    expect(problems).toContainEqual(expect.stringMatching(/publishConfig\.access/));
  });

  test("GIVEN no ./package.json export, no license and side effects undeclared WHEN checked THEN each is reported", () => {
    const { "./package.json": _pkg, ...exportsMap } = fit.exports;
    const { license: _license, sideEffects: _side, ...rest } = fit;
    expect(publishedManifestProblems({ ...rest, exports: exportsMap })).toHaveLength(3);
  });
});

describe("packedFilesProblems", () => {
  test("GIVEN typed dist files for every export WHEN checked THEN there is no problem", () => {
    expect(packedFilesProblems(fit, fitFiles)).toEqual([]);
  });

  test("GIVEN a test file and a .js without declarations WHEN checked THEN both are reported", () => {
    const problems = packedFilesProblems(fit, [...fitFiles, "src/merge/merge.test.ts", "dist/merge/extra.js"]);
    expect(problems).toEqual(["ships test file src/merge/merge.test.ts", "dist/merge/extra.js has no dist/merge/extra.d.ts"]);
  });

  test("GIVEN a subpath folder with JavaScript but no declaration WHEN checked THEN the pattern export reports the mismatch", () => {
    const problems = packedFilesProblems(fit, [...fitFiles, "dist/emit/index.js"]);
    expect(problems).toContainEqual(expect.stringMatching(/exports\["\.\/\*"\]: "default" resolves 2 subpaths, "types" 1/));
  });

  test("GIVEN no dist at all WHEN checked THEN every export target is missing", () => {
    const problems = packedFilesProblems(fit, ["package.json", "README.md", "src/index.ts"]);
    expect(problems).toEqual([
      'exports["."].types points at missing ./dist/index.d.ts',
      'exports["."].default points at missing ./dist/index.js',
      'exports["./*"] matches no file',
    ]);
  });
});

describe("isTestFile", () => {
  test.each(["src/a.test.ts", "dist/a.test.js.map", "src/x/__fixtures__/f.yaml", "src/testing/index.ts", "src/gitlab/test-support.ts", "src/__golden__/a.yaml"])(
    "GIVEN %s WHEN classified THEN it is a test file",
    (path) => expect(isTestFile(path)).toBe(true),
  );
  test.each(["src/merge/index.ts", "dist/testimony.js", "src/contest.ts"])("GIVEN %s WHEN classified THEN it is not a test file", (path) =>
    expect(isTestFile(path)).toBe(false),
  );
});
