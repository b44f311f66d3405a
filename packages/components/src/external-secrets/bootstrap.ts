import type { ClusterContext } from "@k8s-gitops/core";
import type { BootstrapSecret } from "@k8s-gitops/core/bootstrap";
import { onePasswordBootstrapSecret } from "./connect-values.js";

/**
 * The Connect server's own credentials, applied before phase 1: External Secrets cannot fetch
 * the secret that lets it fetch secrets. 1Password item `1password-connect` needs the fields
 * `credentials-base64` (1password-credentials.json, base64: single-line, as Connect expects it)
 * and `token`.
 */
export function onePasswordConnectBootstrapSecret(context: ClusterContext, item = "1password-connect"): BootstrapSecret {
  const ref = (field: string) => `op://${context.inventory.external.onepassword.vault}/${item}/${field}`;
  return {
    name: onePasswordBootstrapSecret.name,
    namespace: onePasswordBootstrapSecret.namespace,
    purpose: "credentials and access token of 1Password Connect, which every ExternalSecret depends on",
    stringData: { "1password-credentials.json": ref("credentials-base64"), token: ref("token") },
  };
}
