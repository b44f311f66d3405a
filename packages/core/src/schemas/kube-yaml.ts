import { parseAllDocuments } from "yaml";
import type { KubeSchemaValidator, KubeValidateOptions } from "./kube-validator.js";
import { sharedKubeSchemaValidator } from "./kube-validator.js";
import { describeProblem } from "./problems.js";

/** Options of {@link validateYamlText}. */
export interface ValidateYamlOptions extends KubeValidateOptions {
  /** Defaults to the process-wide {@link sharedKubeSchemaValidator}. */
  readonly validator?: KubeSchemaValidator;
}

/**
 * Parses a multi-document YAML text (duplicate keys rejected, as `kubeconform -strict` does) and
 * validates every non-empty document. Returns one line per problem, e.g.
 * `clusters/infra/cilium.yaml: HelmRelease kube-system/cilium: /spec: must NOT have additional properties ("intervall")`;
 * empty when everything is valid.
 */
export function validateYamlText(text: string, file: string, options: ValidateYamlOptions = {}): string[] {
  const documents = parseAllDocuments(text, { uniqueKeys: true });
  const problems: string[] = [];
  // parseAllDocuments returns an EmptyStream (an array without documents) for an empty text.
  for (const [index, document] of [...documents].entries()) {
    const where = documents.length > 1 ? `${file} (document ${index + 1})` : file;
    if (document.errors.length > 0) {
      // The first line holds the reason and "at line L, column C"; the rest is a source excerpt.
      problems.push(...document.errors.map((error) => `${where}: invalid YAML: ${error.message.split("\n")[0] ?? ""}`));
      continue;
    }
    const value: unknown = document.toJS();
    if (value === null || value === undefined) continue;
    const validator = options.validator ?? sharedKubeSchemaValidator();
    problems.push(...validator.validate(value, options).map((problem) => `${file}: ${describeProblem(value, problem)}`));
  }
  return problems;
}
