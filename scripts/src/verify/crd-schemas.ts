import { convertOpenApiSchema, createCrdAjv, crdVersionSchemas, type KubeSchemaValidator, problemsFromAjv, type SchemaProblem } from "@k8s-gitops/core/schemas";
import { stringify } from "yaml";
import { apiVersionOf, isObject, kindOf } from "./objects.js";

/** What the schema check needs of a validator. */
export type ObjectValidator = Pick<KubeSchemaValidator, "validate" | "schemaSource">;

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
  private readonly crds = new Map<string, { readonly schema: unknown; readonly source: string; compiled?: CrdSchema }>();
  private ajv: ReturnType<typeof createCrdAjv> | undefined;

  constructor(private readonly upstream: ObjectValidator) {}

  /** Registers the served versions of CustomResourceDefinitions; `source` names where they come from. */
  addCrds(docs: readonly unknown[], source: string): void {
    for (const doc of docs) {
      if (kindOf(doc) !== "CustomResourceDefinition") continue;
      for (const crd of crdVersionSchemas(stringify(doc))) {
        const key = `${crd.group}/${crd.version}\u0000${crd.kind}`;
        if (!this.crds.has(key)) this.crds.set(key, { schema: crd.openAPIV3Schema, source: `CustomResourceDefinition ${crd.group}/${crd.version} ${crd.kind} from ${source}` });
      }
    }
  }

  /** True for a source {@link schemaSource} names from a CRD of the cluster (not a file `pnpm schemas:fetch` downloads). */
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
