import type { ClusterContext } from "@k8s-gitops/core";
import type { BootstrapSecret } from "@k8s-gitops/core/bootstrap";

export interface FluxGitSecretProps {
  /** Name of the Secret the FluxInstance sync reads. @default "flux-system" */
  readonly name?: string;
  /** 1Password item holding the credentials. @default "flux-git" */
  readonly item?: string;
}

/**
 * The Git credentials Flux needs to fetch the repository, before anything else can run: an SSH
 * deploy key for `ssh://` URLs, a token for `https://` URLs. Only `op://` references into the
 * cluster's 1Password vault are written.
 *
 * The 1Password item needs, for SSH, the fields `identity-base64` (the private key, base64) and
 * `known-hosts-base64` (e.g. `ssh-keyscan github.com | base64 -w0`); for HTTPS, `username` and `token`.
 */
export function fluxGitSecret(context: ClusterContext, props: FluxGitSecretProps = {}): BootstrapSecret {
  const { url } = context.inventory.cluster.git;
  const vault = context.inventory.external.onepassword.vault;
  const ref = (field: string) => `op://${vault}/${props.item ?? "flux-git"}/${field}`;
  const base = { name: props.name ?? "flux-system", namespace: "flux-system" };
  return url.startsWith("ssh://")
    ? {
        ...base,
        purpose: `SSH deploy key with which Flux fetches ${url}`,
        data: { identity: ref("identity-base64"), known_hosts: ref("known-hosts-base64") },
      }
    : { ...base, purpose: `token with which Flux fetches ${url}`, stringData: { username: ref("username"), password: ref("token") } };
}
