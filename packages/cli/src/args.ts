import { parseArgs } from "node:util";
import { checkGitPath, UserError } from "@k8s-gitops/core";

/** `--git-path` checked before anything is rendered or written; the error names the flag and the value. */
function checkGitPathArg(value: string): string {
  try {
    return checkGitPath(value);
  } catch (error) {
    throw new UserError(`--git-path: ${(error as Error).message}`);
  }
}

export interface GenerateArgs {
  readonly check: boolean;
  readonly cluster?: string;
  readonly out?: string;
  /** Folder of the output in its Git repository; `""` when the output is the repository. */
  readonly gitPath?: string;
  readonly debug: boolean;
  readonly help: boolean;
  /** Take ownership of existing files at produced paths that the manifest does not list. */
  readonly adopt: boolean;
  /** The config file (`--config`); otherwise found from the working directory. */
  readonly config?: string;
}

export const usage = `Usage: k8s-gitops generate [--config FILE] [--cluster NAME] [--check] [--out DIR] [--git-path PATH] [--adopt] [--debug]

Renders the whole GitOps repository of the estate in k8s-gitops.config.ts into its outDir (or DIR).
  --config FILE   the estate config (default: k8s-gitops.config.ts here or in the nearest folder above)
  --cluster NAME  only this cluster's files (plus the shared ones); prunes only that cluster's files
  --check         write nothing; exit 1 and show the differences when the output is out of date
  --out DIR       output directory (default: the config's outDir)
  --git-path PATH overrides the config's gitPath (where the output sits in its Git repository); every Flux
                  path and the FluxInstance sync use it. "" when the output is published as a
                  repository of its own: only then is .github/workflows/validate.yaml written
  --adopt         overwrite and take ownership of existing files at generated paths that
                  the manifest does not list (instead of refusing)
  --force         generate in full even when the stamp of the last run says nothing changed
  --debug         print stack traces
`;

export function parseGenerateArgs(argv: readonly string[]): GenerateArgs {
  try {
    const { values } = parseArgs({
      args: [...argv].filter((arg) => arg !== "--"),
      options: {
        check: { type: "boolean", default: false },
        cluster: { type: "string" },
        out: { type: "string" },
        "git-path": { type: "string" },
        debug: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
        adopt: { type: "boolean", default: false },
        config: { type: "string" },
        force: { type: "boolean", default: false },
      },
      strict: true,
      allowPositionals: false,
    });
    return {
      check: values.check ?? false,
      debug: values.debug ?? false,
      help: values.help ?? false,
      adopt: values.adopt ?? false,
      ...(values.cluster !== undefined ? { cluster: values.cluster } : {}),
      ...(values.out !== undefined ? { out: values.out } : {}),
      ...(values.config !== undefined ? { config: values.config } : {}),
      ...(values["git-path"] !== undefined ? { gitPath: checkGitPathArg(values["git-path"]) } : {}),
    };
  } catch (error) {
    throw new UserError(`${(error as Error).message}\n${usage}`);
  }
}
