import { UserError, showValue } from "@k8s-gitops/core";

const forms = [
  /^ssh:\/\/[^@/\s]+@(?<host>[^/:\s]+)(:\d+)?\/(?<path>[^\s]+?)(\.git)?\/?$/,
  /^[^@/\s]+@(?<host>[^:/\s]+):(?<path>[^\s]+?)(\.git)?\/?$/,
  /^https?:\/\/(?<host>[^/\s]+)\/(?<path>[^\s]+?)(\.git)?\/?$/,
];

/**
 * The HTTPS URL of a Git repository, as `githubConfigUrl` wants it, from any clone URL:
 * `ssh://git@github.com/org/repo.git`, `git@github.com:org/repo.git` or `https://github.com/org/repo`.
 * @throws UserError when the URL has none of these forms or names no owner/repository.
 */
export function repositoryUrl(cloneUrl: string, where: string): string {
  for (const form of forms) {
    const match = form.exec(cloneUrl);
    const host = match?.groups?.host;
    const path = match?.groups?.path;
    if (host && path && /^[^/]+\/[^/]+$/.test(path)) return `https://${host}/${path}`;
  }
  throw new UserError(`${where}: cannot derive a repository URL (https://<host>/<owner>/<repo>) from the Git URL ${showValue(cloneUrl)}; set githubConfigUrl`);
}

/** The repository name (last path segment) of an HTTPS repository or organization URL. */
export const repositoryName = (url: string): string => url.replace(/\/+$/, "").split("/").pop() ?? "";
