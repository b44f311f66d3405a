/** Namespace of the operator, 1Password Connect and the Connect bootstrap Secret. */
export const externalSecretsNamespace = "external-secrets";
