import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { convertOpenApiSchema, createCrdAjv, type KubeSchemaValidator, problemsFromAjv, type SchemaProblem } from "@k8s-gitops/core/schemas";
import { apiVersionOf, isObject, kindOf } from "./objects.js";

/** What the schema check needs of a validator; `sourceDigest` (optional) lets it cache verdicts. */
export type ObjectValidator = Pick<KubeSchemaValidator, "validate" | "schemaSource"> & {
  /** sha256 of the schema a {@link KubeSchemaValidator.schemaSource} names, or undefined (then its verdicts are not cached). */
  sourceDigest?(source: string): string | undefined;
};

interface CrdSchema {
  readonly validate: ReturnType<ReturnType<typeof createCrdAjv>["compile"]>;
  readonly topLevelKeys: ReadonlySet<string>;
  readonly source: string;
}

/**
 * The upstream schemas first; for a custom resource they lack, the `openAPIV3Schema` of a
 * CustomResourceDefinition the cluster installs (in the tree or rendered by a chart), which is what
 * the API server validates it against. Unknown top-level keys are rejected, as for every kind.
 */
export class CrdAwareValidator implements ObjectValidator {
  private readonly crds = new Map<string, { readonly schema: unknown; readonly source: string; compiled?: CrdSchema; digest?: string }>();
  private ajv: ReturnType<typeof createCrdAjv> | undefined;

  private readonly fileDigests = new Map<string, string | undefined>();

  /** `schemaRoot`: the folder the upstream validator's {@link schemaSource} paths are relative to (for {@link schemaDigest}). */
  constructor(
    private readonly upstream: ObjectValidator,
    private readonly schemaRoot?: string,
  ) {}

  /**
   * sha256 of the schema a {@link schemaSource} names, or undefined when it is gone: the upstream
   * file's bytes (a `#fragment` picks one schema of the file), or the CRD's `openAPIV3Schema`.
   */
  sourceDigest(source: string): string | undefined {
    const crd = [...this.crds.values()].find((entry) => entry.source === source);
    if (crd !== undefined) {
      crd.digest ??= createHash("sha256").update(JSON.stringify(crd.schema)).digest("hex");
      return crd.digest;
    }
    if (this.schemaRoot === undefined || source.startsWith("CustomResourceDefinition ")) return undefined;
    const file = source.replace(/#.*$/, "");
    if (!this.fileDigests.has(file)) {
      try {
        this.fileDigests.set(file, createHash("sha256").update(readFileSync(join(this.schemaRoot, file))).digest("hex"));
      } catch {
        this.fileDigests.set(file, undefined);
      }
    }
    return this.fileDigests.get(file);
  }

  /**
   * Registers the served versions of CustomResourceDefinitions; `source` names where they come from.
   * Read from the object as parsed (the fields core's `crdVersionSchemas` reads from YAML text:
   * served versions with an `openAPIV3Schema`), without printing and parsing it again: thousands of
   * CRD schemas pass here and most kinds have an upstream schema, so compiling stays lazy.
   */
  addCrds(docs: readonly unknown[], source: string): void {
    for (const doc of docs) {
      const spec = kindOf(doc) === "CustomResourceDefinition" && isObject(doc) && isObject(doc["spec"]) ? doc["spec"] : undefined;
      const group = spec?.["group"];
      const kind = isObject(spec?.["names"]) ? spec["names"]["kind"] : undefined;
      if (typeof group !== "string" || typeof kind !== "string" || !Array.isArray(spec?.["versions"])) continue;
      for (const version of spec["versions"] as unknown[]) {
        if (!isObject(version) || version["served"] === false || typeof version["name"] !== "string" || !isObject(version["schema"])) continue;
        const schema = version["schema"]["openAPIV3Schema"];
        const key = `${group}/${version["name"]}\u0000${kind}`;
        if (schema !== undefined && !this.crds.has(key)) this.crds.set(key, { schema, source: `CustomResourceDefinition ${group}/${version["name"]} ${kind} from ${source}` });
      }
    }
  }

  /** True for a source {@link schemaSource} names from a CRD of the cluster (not a file `k8s-gitops fetch schemas` downloads). */
  isCrdSource(source: string): boolean {
    return [...this.crds.values()].some((entry) => entry.source === source);
  }

  schemaSource(apiVersion: string, kind: string): string | undefined {
    return this.upstream.schemaSource(apiVersion, kind) ?? this.crds.get(`${apiVersion}\u0000${kind}`)?.source;
  }

  validate(doc: unknown): SchemaProblem[] {
    const apiVersion = apiVersionOf(doc);
    const kind = kindOf(doc);
    const entry = this.upstream.schemaSource(apiVersion, kind) === undefined ? this.crds.get(`${apiVersion}\u0000${kind}`) : undefined;
    if (entry === undefined) return this.upstream.validate(doc);
    entry.compiled ??= this.compile(entry.schema, entry.source);
    const unknown = isObject(doc)
      ? Object.keys(doc)
          .filter((key) => !entry.compiled!.topLevelKeys.has(key))
          .map((key) => ({ path: `/${key}`, message: "unknown field (not in the CustomResourceDefinition's schema)" }))
      : [];
    return [...unknown, ...(entry.compiled.validate(doc) ? [] : problemsFromAjv(entry.compiled.validate.errors, doc))];
  }

  private compile(schema: unknown, source: string): CrdSchema {
    this.ajv ??= createCrdAjv();
    const converted = convertOpenApiSchema(schema);
    const properties = isObject(converted) && isObject(converted["properties"]) ? Object.keys(converted["properties"]) : [];
    return { validate: this.ajv.compile(converted as object), topLevelKeys: new Set(["apiVersion", "kind", "metadata", ...properties]), source };
  }
}
