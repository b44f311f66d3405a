import { showValue } from "@k8s-gitops/core";
import { globalServiceRefProblems, type GlobalServiceRef } from "../clustermesh/index.js";

/** The props every workload that consumes the platform services on infra takes. */
export interface PlatformServiceProps {
  readonly database: { readonly endpoint: GlobalServiceRef; readonly secretItem: string };
  readonly objectStorage: { readonly endpoint: GlobalServiceRef; readonly credentialsItem: string; readonly region?: string };
  readonly oidc: { readonly issuerUrl: string; readonly secretItem: string };
}

const absoluteHttps = (value: string): boolean => {
  try {
    const url = new URL(value);
    return url.protocol === "https:" && url.search === "" && url.hash === "" && !value.endsWith("/");
  } catch {
    return false;
  }
};

/**
 * Every problem of a consumer's platform-service props (and of its own required fields), each
 * naming the field and the value, so the builder throws them as one UserError.
 */
export function platformServiceProblems(props: PlatformServiceProps, required: readonly (readonly [string, string | undefined])[] = []): string[] {
  const problems = [
    ...globalServiceRefProblems(props.database.endpoint).map((p) => `database.endpoint.${p}`),
    ...globalServiceRefProblems(props.objectStorage.endpoint).map((p) => `objectStorage.endpoint.${p}`),
  ];
  const nonEmpty: (readonly [string, string | undefined])[] = [
    ["database.secretItem", props.database.secretItem],
    ["objectStorage.credentialsItem", props.objectStorage.credentialsItem],
    ["objectStorage.region", props.objectStorage.region ?? "us-east-1"],
    ["oidc.secretItem", props.oidc.secretItem],
    ...required,
  ];
  for (const [field, value] of nonEmpty) {
    if ((value ?? "").trim() === "") problems.push(`${field} must not be empty, got ${showValue(value)}`);
  }
  if (!absoluteHttps(props.oidc.issuerUrl)) {
    problems.push(`oidc.issuerUrl must be an https URL without a trailing slash, query or fragment (the Keycloak value's issuerUrl), got ${showValue(props.oidc.issuerUrl)}`);
  }
  return problems;
}
