import { z } from "zod";
import { dnsLabel, dnsName, gitUrl, ipv4Address, text, version } from "./formats.js";

export const clusterIdentitySchema = z
  .strictObject({
    name: dnsLabel.describe("Cluster name, unique across all clusters, e.g. infra."),
    id: z.int().min(1).max(255).describe("ClusterMesh cluster id, 1..255, unique across all clusters."),
    talosVersion: version.describe("Talos version, e.g. v1.13.9."),
    kubernetesVersion: version.describe("Kubernetes version, supported by the Talos version, e.g. v1.35.4."),
    endpoint: z
      .strictObject({
        host: dnsName.describe("DNS name of the Kubernetes API, e.g. api.infra.k8s.example.net."),
        vip: ipv4Address.describe("Talos shared virtual IP of the control planes, in the node subnet."),
        port: z.int().min(1).max(65535).default(6443).describe("Port of the Kubernetes API."),
      })
      .describe("Kubernetes API endpoint."),
    domains: z
      .strictObject({
        internal: dnsName.describe("Domain for LAN-only names, e.g. infra.lab.example.net."),
        external: dnsName.describe("Domain for names published to the internet; inside the DNS provider zone."),
      })
      .describe("DNS domains the cluster serves."),
    git: z
      .strictObject({
        url: gitUrl.describe("Repository Flux syncs, e.g. ssh://git@github.com/example/k8s-gitops.git."),
        branch: text.describe("Branch Flux syncs, e.g. main."),
      })
      .describe("Git source of Flux."),
  })
  .describe("Identity of the cluster.");

