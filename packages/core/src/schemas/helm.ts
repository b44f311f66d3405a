import { join } from "node:path";
import { Ajv } from "ajv";
import type { AnySchemaObject, Options, ValidateFunction } from "ajv";
import { Ajv2019 } from "ajv/dist/2019.js";
import { Ajv2020 } from "ajv/dist/2020.js";
import { UserError, showValue } from "../errors/index.js";
import { addKubeconformFormats } from "./ajv-setup.js";
import { closeObjectSchemas, dropRequired } from "./schema-transforms.js";
import { problemsFromAjv } from "./problems.js";
import type { SchemaProblem } from "./problems.js";
import { resolveSchemaRoot } from "./root.js";
import { fileExists, readJsonFile } from "./schema-files.js";
import type { SchemaRootOption } from "./root.js";

/** Options of {@link validateHelmValues}. */
export interface HelmValuesOptions extends SchemaRootOption {
  /**
   * Also reject keys that the chart's schema does not declare (most charts accept any key, so a typo
   * such as `kubeProxyReplacment` would otherwise pass). See {@link closeObjectSchemas}.
   */
  readonly rejectUnknownKeys?: boolean;
  /**
   * The values are overrides that Helm merges over the chart's own defaults (which are not available
   * here), so `required` is not enforced; types, enums and (with `rejectUnknownKeys`) key names are.
   */
  readonly partial?: boolean;
}

/** Path of a chart's values schema relative to the schema root. */
export const helmSchemaPath = (chart: string, version: string): string => join("helm", chart, version, "values.schema.json");

/** True when the schema root holds a `values.schema.json` for this chart version (many charts ship none). */
export function hasHelmSchema(chart: string, version: string, options: SchemaRootOption = {}): boolean {
  return fileExists(join(options.root ?? resolveSchemaRoot(), helmSchemaPath(chart, version)));
}

const ajvOptions: Options = { strict: false, allErrors: true };

/** The ajv class for the schema's `$schema`; draft-07 (also for `http://json-schema.org/schema#`) by default. */
export function createAjvForDialect(dialect: unknown): Ajv | Ajv2019 | Ajv2020 {
  if (typeof dialect === "string" && dialect.includes("/draft/2020-12/")) return addKubeconformFormats(new Ajv2020(ajvOptions));
  if (typeof dialect === "string" && dialect.includes("/draft/2019-09/")) return addKubeconformFormats(new Ajv2019(ajvOptions));
  return addKubeconformFormats(new Ajv(ajvOptions));
}

const compiled = new Map<string, ValidateFunction>();

interface Variant {
  readonly rejectUnknownKeys: boolean;
  readonly partial: boolean;
}

function helmValidator(root: string, chart: string, version: string, variant: Variant): ValidateFunction {
  const path = join(root, helmSchemaPath(chart, version));
  const key = `${path}\u0000${variant.rejectUnknownKeys}\u0000${variant.partial}`;
  const cached = compiled.get(key);
  if (cached !== undefined) return cached;
  if (!fileExists(path)) {
    throw new UserError(
      `chart ${showValue(chart)} version ${showValue(version)} has no values schema at ${showValue(path)}; ` +
        "check with hasHelmSchema() first",
    );
  }
  const original = readJsonFile(path) as AnySchemaObject;
  const closed = variant.rejectUnknownKeys ? closeObjectSchemas(original) : original;
  const schema = (variant.partial ? dropRequired(closed) : closed) as AnySchemaObject;
  const validate = createAjvForDialect(original["$schema"]).compile(schema);
  compiled.set(key, validate);
  return validate;
}

/**
 * Validates Helm values against the chart's upstream `values.schema.json`, as `helm install` would
 * (and stricter with `rejectUnknownKeys`). Paths are JSON pointers into `values`.
 * @throws UserError when the chart version has no schema in the root (see {@link hasHelmSchema}).
 */
export function validateHelmValues(
  chart: string,
  version: string,
  values: unknown,
  options: HelmValuesOptions = {},
): SchemaProblem[] {
  const validate = helmValidator(options.root ?? resolveSchemaRoot(), chart, version, {
    rejectUnknownKeys: options.rejectUnknownKeys ?? false,
    partial: options.partial ?? false,
  });
  return validate(values) ? [] : problemsFromAjv(validate.errors, values);
}
