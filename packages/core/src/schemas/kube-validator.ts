import { join } from "node:path";
import type { Ajv, AnySchemaObject, ValidateFunction } from "ajv";
import { showValue } from "../errors/index.js";
import { createCoreAjv, createCrdAjv, stripNullable } from "./ajv-setup.js";
import { convertOpenApiSchema, crdVersionSchemas } from "./flux-crd.js";
import { closeObjectSchemas } from "./schema-transforms.js";
import type { CrdVersionSchema } from "./flux-crd.js";
import { problemsFromAjv } from "./problems.js";
import type { SchemaProblem } from "./problems.js";
import { resolveSchemaRoot } from "./root.js";
import { fileExists, listDir, readJsonFile, readTextFile } from "./schema-files.js";
import {
  crdsCatalogDir,
  fluxCrdDir,
  fluxOperatorCrdDir,
  kubernetesRefDir,
  kubernetesStrictDir,
} from "./upstream.js";

/** kubeconform fetches `_definitions.json` from this URL when following the `$ref`s of the non-standalone files. */
const definitionsUrl = "https://raw.githubusercontent.com/yannh/kubernetes-json-schema/master/v1.34.1/_definitions.json";

/** Flux CRDs in the schema root are newer than the catalog's copies of these groups. */
const fluxGroup = (group: string): boolean => group.endsWith(".toolkit.fluxcd.io") || group === "fluxcd.controlplane.io";

/** Options of {@link KubeSchemaValidator.validate}. */
export interface KubeValidateOptions {
  /** Kinds to accept without a schema check (e.g. kinds whose schema is not in the root). */
  readonly skipKinds?: Iterable<string>;
}

interface CompiledSchema {
  readonly validate: ValidateFunction;
  /** Allowed top-level keys when the schema's root does not reject unknown keys itself. */
  readonly topLevelKeys: ReadonlySet<string> | undefined;
  /** Schema file relative to the root, for messages and tests. */
  readonly source: string;
}

type FluxCrd = CrdVersionSchema & { readonly source: string };
type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => value !== null && typeof value === "object" && !Array.isArray(value);

/** Splits `apps/v1` into group `apps` and version `v1`; core `v1` has the empty group. */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.lastIndexOf("/");
  return slash < 0
    ? { group: "", version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** kubeconform's core file name: `deployment-apps-v1.json`, `namespace-v1.json`. */
export function kubernetesSchemaFileName(group: string, version: string, kind: string): string {
  const firstLabel = group.split(".")[0] ?? "";
  return group === "" ? `${kind.toLowerCase()}-${version}.json` : `${kind.toLowerCase()}-${firstLabel}-${version}.json`;
}

/**
 * Validates Kubernetes objects like `kubeconform -strict -kubernetes-version 1.34.1` with the
 * CRDs-catalog location, plus one stricter rule: unknown top-level keys (e.g. `spce`) are rejected.
 * Schemas are compiled on first use per (apiVersion, kind) and cached in the instance.
 */
export class KubeSchemaValidator {
  readonly root: string;
  private readonly compiled = new Map<string, CompiledSchema | null>();
  private readonly crdsByGroup = new Map<string, readonly FluxCrd[]>();
  private coreAjvInstance: Ajv | undefined;
  private crdAjvInstance: Ajv | undefined;
  private definitionsAdded = false;
  private closedDefinitions: Json | undefined;

  constructor(root: string) {
    this.root = root;
  }

  /** Problems of one object; empty when it is valid or its kind is skipped. */
  validate(doc: unknown, options: KubeValidateOptions = {}): SchemaProblem[] {
    if (!isObject(doc)) return [{ path: "", message: "expected a Kubernetes object (a mapping)" }];
    const { apiVersion, kind } = doc;
    if (typeof apiVersion !== "string" || apiVersion === "") {
      return [{ path: "/apiVersion", message: `must be a non-empty string (got ${showValue(apiVersion)})` }];
    }
    if (typeof kind !== "string" || kind === "") {
      return [{ path: "/kind", message: `must be a non-empty string (got ${showValue(kind)})` }];
    }
    if (options.skipKinds !== undefined && new Set(options.skipKinds).has(kind)) return [];
    const schema = this.schemaFor(apiVersion, kind);
    if (schema === undefined) return [{ path: "", message: `no schema for ${apiVersion} ${kind}${this.incompleteRootHint()}` }];
    const problems = schema.validate(doc) ? [] : problemsFromAjv(schema.validate.errors, doc);
    return [...unknownTopLevelKeys(doc, schema.topLevelKeys), ...problems];
  }

  /** The schema file used for a kind (relative to the root), or undefined when none exists. */
  schemaSource(apiVersion: string, kind: string): string | undefined {
    return this.schemaFor(apiVersion, kind)?.source;
  }

  // A cache filled with `k8s-gitops fetch schemas --only ...` lacks whole folders; say so instead of blaming the kind.
  private incompleteRootHint(): string {
    const missing = ["kubernetes", "crds-catalog", "crds"].filter((dir) => !fileExists(join(this.root, dir)));
    return missing.length === 0 ? "" : ` (the schema root ${this.root} lacks ${missing.join(", ")}; run \`k8s-gitops fetch schemas\`)`;
  }

  private schemaFor(apiVersion: string, kind: string): CompiledSchema | undefined {
    const key = `${apiVersion}\u0000${kind}`;
    if (!this.compiled.has(key)) this.compiled.set(key, this.compile(apiVersion, kind) ?? null);
    return this.compiled.get(key) ?? undefined;
  }

  // kubeconform's lookup order, with the Flux CRDs of the root ahead of the catalog for Flux groups.
  private compile(apiVersion: string, kind: string): CompiledSchema | undefined {
    const { group, version } = splitApiVersion(apiVersion);
    const fileName = kubernetesSchemaFileName(group, version, kind);
    const strictPath = `${kubernetesStrictDir}/${fileName}`;
    if (fileExists(join(this.root, strictPath))) {
      return this.withSchema(this.coreAjv(), readJsonFile(join(this.root, strictPath)), strictPath);
    }
    if (fluxGroup(group)) {
      const fromCrd = this.compileFluxCrd(group, version, kind);
      if (fromCrd !== undefined) return fromCrd;
    }
    const catalogPath = `${crdsCatalogDir}/${group}/${kind.toLowerCase()}_${version}.json`;
    if (group !== "" && fileExists(join(this.root, catalogPath))) {
      return this.withSchema(this.crdAjv(), stripNullable(readJsonFile(join(this.root, catalogPath))), catalogPath);
    }
    // Standalone files cannot express CustomResourceDefinition; kubeconform users add the
    // non-standalone folder as a second location, whose files `$ref` `_definitions.json`.
    const refPath = `${kubernetesRefDir}/${fileName}`;
    if (fileExists(join(this.root, refPath))) return this.withSchema(this.refAjv(), readJsonFile(join(this.root, refPath)), refPath);
    return this.compileFromDefinitions(group, version, kind);
  }

  /**
   * Built-in kinds the offline strict set lacks (e.g. ResourceQuota, LimitRange): their definition
   * in `_definitions.json`, with every object closed the way the strict files are, so unknown
   * fields still fail. Stricter than kubeconform, which would report a missing schema.
   */
  private compileFromDefinitions(group: string, version: string, kind: string): CompiledSchema | undefined {
    const path = join(this.root, kubernetesRefDir, "_definitions.json");
    if (!fileExists(path)) return undefined;
    this.closedDefinitions ??= (closeObjectSchemas(readJsonFile(path)) as { definitions: Json }).definitions;
    // Most built-ins live under io.k8s.api; the aggregator's APIService under io.k8s.kube-aggregator.
    const first = group === "" ? "core" : group.split(".")[0];
    const key = [`io.k8s.api.${first}.${version}.${kind}`, `io.k8s.kube-aggregator.pkg.apis.${first}.${version}.${kind}`].find((k) =>
      isObject(this.closedDefinitions?.[k]),
    );
    const definition = key === undefined ? undefined : this.closedDefinitions[key];
    if (key === undefined || !isObject(definition)) return undefined;
    const schema = { ...definition, definitions: this.closedDefinitions };
    return this.withSchema(this.coreAjv(), schema, `${kubernetesRefDir}/_definitions.json#/definitions/${key}`);
  }

  private compileFluxCrd(group: string, version: string, kind: string): CompiledSchema | undefined {
    const match = this.fluxCrds(group).find((crd) => crd.kind === kind && crd.version === version);
    if (match === undefined) return undefined;
    return this.withSchema(this.crdAjv(), convertOpenApiSchema(match.openAPIV3Schema), match.source);
  }

  private fluxCrds(group: string): readonly FluxCrd[] {
    const cached = this.crdsByGroup.get(group);
    if (cached !== undefined) return cached;
    const found = [fluxCrdDir, fluxOperatorCrdDir].flatMap((dir) =>
      listDir(join(this.root, dir))
        .filter((name) => name.startsWith(`${group}_`) && name.endsWith(".yaml"))
        .flatMap((name) =>
          crdVersionSchemas(readTextFile(join(this.root, dir, name))).map((crd) => ({ ...crd, source: `${dir}/${name}` })),
        ),
    );
    this.crdsByGroup.set(group, found);
    return found;
  }

  private withSchema(ajv: Ajv, schema: unknown, source: string): CompiledSchema {
    const validate = ajv.compile(schema as AnySchemaObject);
    return { validate, topLevelKeys: topLevelKeysOf(schema), source };
  }

  private coreAjv(): Ajv {
    this.coreAjvInstance ??= createCoreAjv();
    return this.coreAjvInstance;
  }

  private crdAjv(): Ajv {
    this.crdAjvInstance ??= createCrdAjv();
    return this.crdAjvInstance;
  }

  private refAjv(): Ajv {
    const ajv = this.coreAjv();
    if (!this.definitionsAdded) {
      ajv.addSchema(readJsonFile(join(this.root, kubernetesRefDir, "_definitions.json")) as AnySchemaObject, definitionsUrl);
      this.definitionsAdded = true;
    }
    return ajv;
  }
}

/** Allowed top-level keys, or undefined when the schema root already has `additionalProperties: false`. */
function topLevelKeysOf(schema: unknown): ReadonlySet<string> | undefined {
  if (!isObject(schema) || schema["additionalProperties"] === false) return undefined;
  const properties = isObject(schema["properties"]) ? Object.keys(schema["properties"]) : [];
  return new Set(["apiVersion", "kind", "metadata", ...properties]);
}

function unknownTopLevelKeys(doc: Json, allowed: ReadonlySet<string> | undefined): SchemaProblem[] {
  if (allowed === undefined) return [];
  return Object.keys(doc)
    .filter((key) => !allowed.has(key))
    .map((key) => ({ path: "", message: `must NOT have additional properties (${JSON.stringify(key)})` }));
}

const sharedValidators = new Map<string, KubeSchemaValidator>();

/**
 * One validator per schema root for the whole process, so every caller shares its compiled schemas.
 * @param root defaults to {@link resolveSchemaRoot}.
 */
export function sharedKubeSchemaValidator(root: string = resolveSchemaRoot()): KubeSchemaValidator {
  let validator = sharedValidators.get(root);
  if (validator === undefined) {
    validator = new KubeSchemaValidator(root);
    sharedValidators.set(root, validator);
  }
  return validator;
}
