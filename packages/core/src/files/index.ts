/**
 * A file the generator produces, relative to the output root (`generated/`). Paths always use
 * forward slashes and never start with `/` or contain `..`.
 */
export interface GeneratedFile {
  readonly path: string;
  readonly content: string;
  /**
   * Which run owns the file: `cluster:<name>` for files that belong to one cluster, `shared` for
   * files every cluster contributes to (bases, kustomize components, repository-wide config).
   * A partial run (`--cluster NAME`) prunes only files of its own cluster scope.
   */
  readonly scope: string;
}

export const sharedScope = "shared";
export const clusterScope = (cluster: string): string => `cluster:${cluster}`;
