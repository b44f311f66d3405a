import { posix } from "node:path";
import type { Component } from "../component/index.js";
import { showValue, UserError } from "../errors/index.js";

/**
 * Where things go inside the output root. Per cluster, the Flux entry point is
 * `kubernetes/clusters/<cluster>/`; it includes `kubernetes/<area>/<cluster>/`, whose
 * category folders list each app's `ks.yaml`. Every stage is its own folder next to `ks.yaml`.
 */
export const layout = {
  clusterEntry: (cluster: string) => `kubernetes/clusters/${cluster}`,
  area: (cluster: string, area: string) => `kubernetes/${area}/${cluster}`,
  category: (cluster: string, component: Pick<Component, "area" | "category">) =>
    `kubernetes/${component.area}/${cluster}/${component.category}`,
  app: (cluster: string, component: Pick<Component, "area" | "category" | "name">) =>
    `kubernetes/${component.area}/${cluster}/${component.category}/${component.name}`,
  stage: (cluster: string, component: Pick<Component, "area" | "category" | "name">, stage: string) =>
    `kubernetes/${component.area}/${cluster}/${component.category}/${component.name}/${stage}`,
  base: (name: string) => `kubernetes/bases/${name}`,
  kustomizeComponent: (name: string) => `kubernetes/components/${name}`,
} as const;

/** A kustomize reference from one folder to another, always `./x` or `../x`. */
export function relativeDir(from: string, to: string): string {
  const rel = posix.relative(from, to);
  return rel.startsWith(".") ? rel : `./${rel}`;
}

/**
 * Where the generated tree sits in its Git repository: `generated` in this repository, `""` when
 * the output is published as a repository of its own. One setting (`pnpm generate --git-path`)
 * feeds the FluxInstance sync path, every Flux Kustomization's `spec.path`, the docs and the
 * decision where the validation workflow goes.
 */
export const defaultGitPath = "generated";

/**
 * `gitPath` normalised (`./generated/` → `generated`, `.` → `""`), or a UserError naming the value
 * when it is absolute or leaves the repository.
 */
export function checkGitPath(gitPath: string): string {
  const trimmed = gitPath.replace(/^(\.\/)+/, "").replace(/\/+$/, "");
  const normalised = trimmed === "." ? "" : trimmed;
  if (gitPath.startsWith("/") || /^[A-Za-z]:/.test(gitPath) || normalised.split("/").some((part) => part === ".." || part === ".")) {
    throw new UserError(`gitPath ${showValue(gitPath)}: must be a folder inside the Git repository, relative to its root ("" for the root itself)`);
  }
  return normalised;
}

/** The path Flux sees, relative to the Git repository root. */
export function repoPath(gitPath: string, path: string): string {
  const prefix = gitPath.replace(/^\.?\/*/, "").replace(/\/+$/, "");
  return `./${prefix ? `${prefix}/` : ""}${path}`;
}
