import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import type { AnySchemaObject, ValidateFunction } from "ajv";
import { UserError, showValue } from "../errors/index.js";
import { addKubeconformFormats } from "./ajv-setup.js";
import { problemsFromAjv } from "./problems.js";
import type { SchemaProblem } from "./problems.js";
import { resolveSchemaRoot } from "./root.js";
import type { SchemaRootOption } from "./root.js";
import { listDir, readJsonFile } from "./schema-files.js";

/** The legacy machine config document (`version: v1alpha1`, `machine`, `cluster`) has no `kind`. */
const legacyConfigDef = "v1alpha1.Config";

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => value !== null && typeof value === "object" && !Array.isArray(value);

const parseVersion = (dir: string): number[] | undefined => {
  const match = /^v?(\d+)\.(\d+)\.(\d+)$/.exec(dir);
  return match === null ? undefined : [Number(match[1]), Number(match[2]), Number(match[3])];
};

/**
 * Picks the schema folder for a Talos version among `available` folder names: the exact folder for
 * `v1.13.9`, or the highest patch for `v1.13` / `v1.13.x`. A missing leading `v` is accepted.
 * Returns undefined when nothing matches.
 */
export function pickTalosSchemaDir(available: readonly string[], talosVersion: string): string | undefined {
  const wanted = talosVersion.startsWith("v") ? talosVersion : `v${talosVersion}`;
  if (available.includes(wanted)) return wanted;
  const minor = /^v(\d+)\.(\d+)(\.x)?$/.exec(wanted);
  if (minor === null) return undefined;
  let best: { dir: string; patch: number } | undefined;
  for (const dir of available) {
    const parsed = parseVersion(dir);
    if (parsed === undefined || parsed[0] !== Number(minor[1]) || parsed[1] !== Number(minor[2])) continue;
    const patch = parsed[2] ?? 0;
    if (best === undefined || patch > best.patch) best = { dir, patch };
  }
  return best?.dir;
}

interface TalosSchema {
  readonly dir: string;
  readonly ajv: Ajv2020;
  readonly id: string;
  /** Document kind → `$defs` name. */
  readonly defsByKind: ReadonlyMap<string, string>;
  readonly validators: Map<string, ValidateFunction>;
}

const talosSchemas = new Map<string, TalosSchema>();

function loadTalosSchema(root: string, talosVersion: string): TalosSchema {
  const available = listDir(join(root, "talos"));
  const dir = pickTalosSchemaDir(available, talosVersion);
  if (dir === undefined) {
    throw new UserError(
      `no Talos config schema for version ${showValue(talosVersion)} in ${showValue(join(root, "talos"))}; ` +
        `available: ${available.join(", ") || "none"}`,
    );
  }
  const path = join(root, "talos", dir, "config.schema.json");
  const cached = talosSchemas.get(path);
  if (cached !== undefined) return cached;
  const schema = readJsonFile(path) as Json;
  const id = typeof schema["$id"] === "string" ? schema["$id"] : `https://talos.dev/${dir}/schemas/config.schema.json`;
  // The root `oneOf` over every document type gives noisy errors; each document is checked against its own def.
  const ajv = addKubeconformFormats(new Ajv2020({ strict: false, allErrors: true }));
  ajv.addSchema(schema as AnySchemaObject, id);
  const defsByKind = new Map<string, string>();
  for (const [name, def] of Object.entries(isObject(schema["$defs"]) ? schema["$defs"] : {})) {
    const kindEnum = isObject(def) && isObject(def["properties"]) ? (def["properties"]["kind"] as Json | undefined)?.["enum"] : undefined;
    const kind = Array.isArray(kindEnum) ? kindEnum[0] : undefined;
    if (typeof kind === "string" && !defsByKind.has(kind)) defsByKind.set(kind, name);
  }
  const loaded: TalosSchema = { dir, ajv, id, defsByKind, validators: new Map() };
  talosSchemas.set(path, loaded);
  return loaded;
}

function validatorFor(schema: TalosSchema, def: string): ValidateFunction {
  let validate = schema.validators.get(def);
  if (validate === undefined) {
    validate = schema.ajv.getSchema(`${schema.id}#/$defs/${def}`);
    if (validate === undefined) throw new Error(`Talos schema ${schema.dir} has no $defs entry ${def}`);
    schema.validators.set(def, validate);
  }
  return validate;
}

/**
 * Validates one Talos machine config document (the legacy `v1alpha1` config or a multi-doc
 * document such as `HostnameConfig`) against the upstream schema of `talosVersion`.
 * @param talosVersion `v1.13.9`, or `v1.13` / `v1.13.x` for the highest patch available.
 * @throws UserError when no schema exists for the version.
 */
export function validateTalosDocument(doc: unknown, talosVersion: string, options: SchemaRootOption = {}): SchemaProblem[] {
  const schema = loadTalosSchema(options.root ?? resolveSchemaRoot(), talosVersion);
  if (!isObject(doc)) return [{ path: "", message: `expected a Talos config document (a mapping), got ${showValue(doc)}` }];
  const kind = doc["kind"];
  let def: string | undefined = legacyConfigDef;
  if (kind !== undefined) {
    def = typeof kind === "string" ? schema.defsByKind.get(kind) : undefined;
    if (def === undefined) {
      return [{ path: "/kind", message: `unknown Talos ${schema.dir} document kind ${showValue(kind)}` }];
    }
  }
  const validate = validatorFor(schema, def);
  return validate(doc) ? [] : problemsFromAjv(validate.errors, doc);
}
