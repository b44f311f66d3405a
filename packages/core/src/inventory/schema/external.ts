import { z } from "zod";
import { absolutePath, dnsLabel, dnsName, email, httpUrl, ipv4Address, text } from "./formats.js";

export const nfsExportSchema = z
  .strictObject({
    name: dnsLabel.describe("Name of the export as used by volumes and storage classes, e.g. media."),
    path: absolutePath.describe("Exported path on the server, e.g. /volume1/kubernetes."),
    readOnly: z.boolean().default(false).describe("Mount the export read-only."),
  })
  .describe("An NFS export.");

export const externalServicesSchema = z
  .strictObject({
    nfs: z
      .strictObject({
        name: text.describe('Human name of the NFS server, e.g. "Synology RS1221+".'),
        address: ipv4Address.describe("IPv4 address of the NFS server."),
        exports: z.array(nfsExportSchema).min(1).describe("Exports the cluster mounts."),
      })
      .optional()
      .describe("NFS server outside the cluster."),
    onepassword: z
      .strictObject({
        connectHost: httpUrl.describe("URL of 1Password Connect as seen from inside the cluster."),
        vault: text.describe("1Password vault that holds the cluster's secrets."),
        sharedVault: text
          .optional()
          .describe(
            "1Password vault shared by every cluster, for secrets that cross clusters (database logins, OIDC client secrets, S3 keys pushed by their owner). Read after the cluster's own vault.",
          ),
      })
      .describe("1Password Connect used by External Secrets."),
    letsencrypt: z
      .strictObject({
        email: email.describe("ACME account email for Let's Encrypt."),
      })
      .describe("Let's Encrypt ACME account."),
    storageClasses: z
      .array(dnsName.describe("Name of a StorageClass, e.g. local-path."))
      .optional()
      .describe(
        "StorageClasses that exist in the cluster without a component creating them (installed by hand or by another tool). Components may name them; every other StorageClass a component names must be created by a component of the same cluster.",
      ),
    dnsProvider: z
      .strictObject({
        name: z.enum(["cloudflare"]).describe("DNS provider used for DNS-01 challenges and external-dns."),
        zone: dnsName.describe("DNS zone at the provider; the external domain must lie inside it."),
      })
      .describe("Public DNS provider."),
  })
  .describe("Services outside the cluster the cluster depends on.");
