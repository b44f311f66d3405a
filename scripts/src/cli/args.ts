import { parseArgs } from "node:util";
import { UserError } from "@k8s-gitops/core";

export interface GenerateArgs {
  readonly check: boolean;
  readonly cluster?: string;
  readonly out?: string;
  readonly debug: boolean;
  readonly help: boolean;
  /** Take ownership of existing files at produced paths that the manifest does not list. */
  readonly adopt: boolean;
}

export const usage = `Usage: pnpm generate [--cluster NAME] [--check] [--out DIR] [--adopt] [--debug]

Renders the whole GitOps repository into generated/ (or DIR).
  --cluster NAME  only this cluster's files (plus the shared ones); prunes only that cluster's files
  --check         write nothing; exit 1 and show the differences when generated/ is out of date
  --out DIR       output directory (default: generated/ at the repository root)
  --adopt         overwrite and take ownership of existing files at generated paths that
                  the manifest does not list (instead of refusing)
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
        debug: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
        adopt: { type: "boolean", default: false },
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
    };
  } catch (error) {
    throw new UserError(`${(error as Error).message}\n${usage}`);
  }
}
