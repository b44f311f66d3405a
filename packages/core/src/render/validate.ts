import { describeResource, isModelResource, type Resource } from "../component/index.js";
import { UserError, showValue } from "../errors/index.js";

interface AjvLikeError {
  readonly instancePath?: string;
  readonly message?: string;
  readonly params?: Record<string, unknown>;
}

function formatModelErrors(error: unknown): string {
  const errors = (error as { errors?: readonly AjvLikeError[] }).errors;
  if (!Array.isArray(errors) || errors.length === 0) return error instanceof Error ? error.message : String(error);
  return errors
    .map((e) => {
      const extra = e.params && "additionalProperty" in e.params ? ` (${showValue(e.params.additionalProperty)})` : "";
      return `${e.instancePath || "/"}: ${e.message ?? "is invalid"}${extra}`;
    })
    .join("; ");
}

/** A resource without a string apiVersion and kind cannot be placed, named or checked further. */
export function assertResourceIdentity(resource: Resource, where: string): void {
  const missing = (["apiVersion", "kind"] as const).filter((field) => typeof resource[field] !== "string" || resource[field] === "");
  if (missing.length > 0) {
    throw new UserError(`${where}: a resource has no ${missing.join(" and no ")}: ${showValue(resource)}`);
  }
}

/**
 * Validates one resource where it is rendered: kubernetes-models' own schema check for typed
 * models, basic identity for plain custom resources (their CRD schemas are checked in tests).
 */
export function validateResource(resource: Resource, where: string): void {
  assertResourceIdentity(resource, where);
  const name = resource.metadata?.name;
  if (!name) throw new UserError(`${where}: ${resource.kind} has no metadata.name`);
  if (isModelResource(resource)) {
    try {
      resource.validate();
    } catch (error) {
      throw new UserError(`${where}: ${describeResource(resource)} is invalid: ${formatModelErrors(error)}`);
    }
  }
  assertNoPlainSecret(resource, where);
}

const isSopsEncrypted = (resource: Record<string, unknown>): boolean => {
  const sops = resource.sops as { mac?: unknown } | undefined;
  if (!sops || typeof sops.mac !== "string" || !sops.mac.startsWith("ENC[")) return false;
  const values = [resource.data, resource.stringData].flatMap((map) => (map && typeof map === "object" ? Object.values(map) : []));
  return values.every((value) => typeof value === "string" && value.startsWith("ENC["));
};

/**
 * Secrets never appear in plain text in generated files: a Secret with data is refused unless
 * every value is SOPS-encrypted. Components declare ExternalSecrets instead.
 */
export function assertNoPlainSecret(resource: Resource, where: string): void {
  if (resource.kind !== "Secret" || resource.apiVersion !== "v1") return;
  const plain = JSON.parse(JSON.stringify(resource)) as Record<string, unknown>;
  const hasData = [plain.data, plain.stringData].some((map) => map && typeof map === "object" && Object.keys(map).length > 0);
  if (hasData && !isSopsEncrypted(plain)) {
    throw new UserError(
      `${where}: ${describeResource(resource)} holds plain secret data; declare an ExternalSecret (or commit a SOPS-encrypted file) instead`,
    );
  }
}
