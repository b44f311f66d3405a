import { emitYaml, fluxDefaults, sharedScope, showValue, UserError, type ClusterContext, type GeneratedFile } from "@k8s-gitops/core";
import { sopsProblems, type BootstrapSecret } from "@k8s-gitops/core/bootstrap";

/** An age X25519 recipient: `age1` and 58 bech32 characters. Public, so it may be committed. */
export const ageRecipient = /^age1[qpzry9x8gf2tvdw0s3jn54khce6mua7l]{58}$/;

/** Files SOPS encrypts, and how (sops uses the first rule whose path_regex matches). */
export const sopsRules = {
  /** Talos secrets bundles: every value encrypted. */
  talos: "talos/.*\\.sops\\.ya?ml$",
  /** Kubernetes manifests: only Secret payloads, so reviewers still see names and kinds. */
  kubernetes: "(bootstrap|kubernetes)/.*\\.sops\\.ya?ml$",
  kubernetesEncryptedRegex: "^(data|stringData)$",
} as const;

export interface SopsConfigProps {
  /** age public keys that can decrypt the repository's files (operators' keys and the clusters' `sops-age` key). */
  readonly recipients: readonly string[];
}

function checkedRecipients(recipients: readonly string[]): string[] {
  const problems = recipients.flatMap((recipient, index) =>
    typeof recipient === "string" && ageRecipient.test(recipient)
      ? []
      : [`recipients[${index}]: ${showValue(recipient)} is not an age public key (age1 followed by 58 bech32 characters)`],
  );
  if (recipients.length === 0) problems.push("recipients: at least one age public key is needed, or nobody could decrypt the files");
  const duplicate = recipients.find((recipient, index) => recipients.indexOf(recipient) !== index);
  if (duplicate !== undefined) problems.push(`recipients: ${showValue(duplicate)} is listed twice`);
  if (problems.length > 0) throw new UserError("sopsConfig: invalid age recipients", problems);
  return [...recipients];
}

/**
 * `.sops.yaml` at the root of the generated tree: creation rules for the Talos secrets (whole
 * file) and Kubernetes Secrets (`data`/`stringData` only). The regexes are not anchored at the
 * start, so they also match the encrypted sources kept under `packages/clusters/<cluster>/`
 * (run `sops --config generated/.sops.yaml ...` there).
 */
export function sopsConfig(props: SopsConfigProps): GeneratedFile {
  const age = checkedRecipients(props.recipients).join(",");
  const config = {
    creation_rules: [
      { path_regex: sopsRules.talos, age },
      { path_regex: sopsRules.kubernetes, encrypted_regex: sopsRules.kubernetesEncryptedRegex, age },
    ],
  };
  return { path: ".sops.yaml", content: emitYaml([config], { source: "the SOPS age recipients", preserveOrder: true }), scope: sharedScope };
}

/**
 * Passes a SOPS-encrypted file through into the generated tree unchanged, after checking it really
 * is encrypted: SOPS metadata with an encrypted MAC, and every value SOPS' rule selects (and every
 * Secret `data`/`stringData` value) in `ENC[AES256_GCM,...]` form.
 * @throws UserError naming the file and the first plain key.
 */
export function sopsFile(path: string, text: string, scope: string = sharedScope): GeneratedFile {
  if (path.startsWith("/") || path.split("/").some((segment) => segment === ".." || segment === "")) {
    throw new UserError(`sopsFile: ${showValue(path)} must be a relative path inside the generated tree`);
  }
  if (!/\.sops\.ya?ml$/.test(path)) {
    throw new UserError(`sopsFile: ${showValue(path)} must end in .sops.yaml so the .sops.yaml creation rules apply to it`);
  }
  const problems = sopsProblems(path, text);
  if (problems.length > 0) throw new UserError(`sopsFile: ${path} is not completely SOPS-encrypted`, problems);
  return { path, content: text, scope };
}

export interface SopsAgeSecretProps {
  /** 1Password item holding the cluster's age private key in field `age-key`. @default "sops-age" */
  readonly item?: string;
}

/**
 * The Secret `flux-system/sops-age` kustomize-controller decrypts SOPS files with. It must exist
 * before Flux starts, so it is a bootstrap secret: an `op://` reference, never the key.
 */
export function sopsAgeSecret(context: ClusterContext, props: SopsAgeSecretProps = {}): BootstrapSecret {
  const vault = context.inventory.external.onepassword.vault;
  return {
    name: fluxDefaults.sopsSecret,
    namespace: fluxDefaults.gitRepository.namespace,
    purpose: "age private key with which kustomize-controller decrypts *.sops.yaml files",
    // Flux reads age identities from keys ending in `.agekey`.
    stringData: { "age.agekey": `op://${vault}/${props.item ?? "sops-age"}/age-key` },
  };
}
