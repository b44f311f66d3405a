import { describe, expect, test } from "vitest";
import { stringify } from "yaml";
import { namespace } from "./__fixtures__/objects.js";
import { sharedSchemasRoot } from "./__fixtures__/shared-root.js";
import { KubeSchemaValidator } from "./kube-validator.js";
import { validateYamlText } from "./kube-yaml.js";

describe(`validateYamlText (needs the upstream schemas)`, () => {
  const validator = new KubeSchemaValidator(sharedSchemasRoot);
  const file = "kubernetes/apps/cert-manager/namespace.yaml";

  test("GIVEN valid documents and an empty one WHEN validated THEN there is no problem", () => {
    const text = `---\n${stringify(namespace)}---\n---\n${stringify({ ...namespace, metadata: { name: "other" } })}`;
    expect(validateYamlText(text, file, { validator })).toEqual([]);
  });

  test("GIVEN an invalid second document WHEN validated THEN its problem names the file, resource and path", () => {
    const text = `${stringify(namespace)}---\n${stringify({ ...namespace, metadata: { name: "bad" }, specc: 1 })}`;
    expect(validateYamlText(text, file, { validator })).toEqual([
      `${file}: Namespace bad: (root): must NOT have additional properties ("specc")`,
    ]);
  });

  test("GIVEN a duplicate key WHEN validated THEN it is a YAML error with its line, as with kubeconform -strict", () => {
    const text = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n  name: b\n";
    const problems = validateYamlText(text, file, { validator });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${file}: invalid YAML: Map keys must be unique.*line 5`));
  });

  test("GIVEN a skipped kind WHEN validated THEN it is not reported", () => {
    const text = stringify({ apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w" } });
    expect(validateYamlText(text, file, { validator })).toHaveLength(1);
    expect(validateYamlText(text, file, { validator, skipKinds: ["Widget"] })).toEqual([]);
  });
});
