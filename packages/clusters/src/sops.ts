/**
 * age public keys (recipients) SOPS encrypts the repository's *.sops.yaml files for. Public by
 * design, so they are committed; the matching private keys live in 1Password (item `sops-age`)
 * and reach the clusters as the bootstrap Secret flux-system/sops-age. Replace with the output of
 * `age-keygen -y age.key` for your own key(s).
 */
export const sopsRecipients: readonly string[] = ["age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p"];
