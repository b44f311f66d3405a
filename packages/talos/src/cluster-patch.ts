import type { Inventory } from "@k8s-gitops/core";
import { kubePrismPort } from "@k8s-gitops/core/conventions";
import { kernelModules, sysctls } from "./host-tuning.js";
import { resolverDocument, timeSyncDocument } from "./network.js";
import { clusterSchematic, installerImage, schematicId } from "./schematic.js";
import type { RegistryMirror, TalosDocument, TalosOptions } from "./types.js";
import { talosFeatures, type TalosVersion } from "./version.js";

/** KubePrism's port (a platform convention): Cilium reaches the API server at 127.0.0.1:7445 on every node. */
export { kubePrismPort };

/** Namespaces whose pods may call the Talos API (GitHub runners, the system-upgrade controller). */
export const talosApiNamespaces: readonly string[] = ["actions-runner-system", "system-upgrade"];

/** `https://<endpoint.host>:<port>`, the Kubernetes API endpoint of the cluster. */
export function clusterEndpoint(inventory: Inventory): string {
  return `https://${inventory.cluster.endpoint.host}:${inventory.cluster.endpoint.port}`;
}

/** Names the API server and Talos certificates must carry: the VIP, the DNS name and localhost (KubePrism, port-forwards). */
export function certSANs(inventory: Inventory): string[] {
  return [inventory.cluster.endpoint.vip, inventory.cluster.endpoint.host, "127.0.0.1"];
}

function sortedMirrors(mirrors: readonly RegistryMirror[]): RegistryMirror[] {
  return [...mirrors].sort((a, b) => (a.registry < b.registry ? -1 : a.registry > b.registry ? 1 : 0));
}

function mirrorEndpoints(mirror: RegistryMirror): Record<string, unknown>[] {
  return mirror.endpoints.map((url) => ({ url, ...(mirror.overridePath ? { overridePath: true } : {}) }));
}

function legacyMirrors(mirrors: readonly RegistryMirror[]): Record<string, unknown> {
  return Object.fromEntries(
    mirrors.map((mirror) => [mirror.registry, { endpoints: [...mirror.endpoints], ...(mirror.overridePath ? { overridePath: true } : {}) }]),
  );
}

/** Talos merges files under /etc/cri/conf.d into containerd's CRI config (containerd 2.x plugin names). */
const containerdKeepLayers = {
  path: "/etc/cri/conf.d/20-customization.part",
  op: "create",
  permissions: 0o644,
  content: '[plugins."io.containerd.cri.v1.images"]\n  discard_unpacked_layers = false\n',
};

function machineSection(inventory: Inventory, version: TalosVersion, options: TalosOptions): Record<string, unknown> {
  const features = talosFeatures(version);
  const mirrors = sortedMirrors(options.registryMirrors ?? []);
  return {
    certSANs: certSANs(inventory),
    features: {
      // Host DNS caches lookups on every node; CoreDNS (from Helm) keeps its own upstreams, so Kubernetes
      // DNS is not forwarded to the host resolver.
      hostDNS: { enabled: true, resolveMemberNames: true, forwardKubeDNSToHost: false },
      kubePrism: { enabled: true, port: kubePrismPort },
      // The system-upgrade controller calls the Talos upgrade API, which needs os:admin.
      kubernetesTalosAPIAccess: { enabled: true, allowedRoles: ["os:admin"], allowedKubernetesNamespaces: [...talosApiNamespaces] },
    },
    install: { image: options.installerImage ?? installerImage(schematicId(clusterSchematic(inventory)), version) },
    kernel: { modules: kernelModules.map((module) => ({ name: module.name })) },
    kubelet: {
      // Explicit, so the kubelet and the CoreDNS Service from Helm agree on the address.
      clusterDNS: [inventory.network.clusterDNS],
      // Pull images in parallel: one large image no longer blocks every other pod on the node.
      extraConfig: { serializeImagePulls: false },
      nodeIP: { validSubnets: [inventory.network.nodeSubnet] },
    },
    sysctls: Object.fromEntries(sysctls.map((setting) => [setting.name, setting.value])),
    ...(options.peerImageMirror ? { files: [containerdKeepLayers] } : {}),
    ...(features.multiDocNetwork
      ? {}
      : { network: { nameservers: [...inventory.network.dns] }, time: { servers: [...inventory.network.ntp] } }),
    ...(features.registryMirrorDocument || mirrors.length === 0 ? {} : { registries: { mirrors: legacyMirrors(mirrors) } }),
  };
}

function clusterSection(inventory: Inventory, options: TalosOptions): Record<string, unknown> {
  const metricsEverywhere = { "bind-address": "0.0.0.0" };
  return {
    clusterName: inventory.cluster.name,
    controlPlane: { endpoint: clusterEndpoint(inventory) },
    network: {
      // Cilium is the CNI and replaces kube-proxy; it is installed by the bootstrap helmfile.
      cni: { name: "none" },
      podSubnets: [inventory.network.podCIDR],
      serviceSubnets: [inventory.network.serviceCIDR],
    },
    proxy: { disabled: true },
    // CoreDNS comes from its Helm chart so Flux manages its version and values (unless the cluster keeps Talos' own).
    ...(options.keepCoreDns ? {} : { coreDNS: { disabled: true } }),
    // The Kubernetes registry cannot work with Kubernetes 1.32+ (AuthorizeNodeWithSelectors); the service registry can.
    discovery: { enabled: true, registries: { kubernetes: { disabled: true }, service: { disabled: false } } },
    apiServer: { certSANs: certSANs(inventory) },
    etcd: {
      advertisedSubnets: [inventory.network.nodeSubnet],
      // Plain-HTTP metrics listener so the monitoring stack can scrape etcd without its client certificates.
      extraArgs: { "listen-metrics-urls": "http://0.0.0.0:2381" },
    },
    // Bind to all addresses (default 127.0.0.1) so their authenticated metrics endpoints can be scraped.
    controllerManager: { extraArgs: metricsEverywhere },
    scheduler: { extraArgs: metricsEverywhere },
  };
}

/**
 * The patch shared by every node of a cluster: the `v1alpha1` part (cluster identity, CNI and
 * kube-proxy off, CoreDNS off, KubePrism, host DNS, subnets, SANs, sysctls, kernel modules, kubelet,
 * installer image) followed by the resolver, time and registry documents of Talos v1.12+.
 */
export function clusterPatch(inventory: Inventory, version: TalosVersion, options: TalosOptions = {}): TalosDocument[] {
  const features = talosFeatures(version);
  const documents: TalosDocument[] = [{ machine: machineSection(inventory, version, options), cluster: clusterSection(inventory, options) }];
  if (features.multiDocNetwork) documents.push(resolverDocument(inventory), timeSyncDocument(inventory));
  if (features.registryMirrorDocument) {
    for (const mirror of sortedMirrors(options.registryMirrors ?? [])) {
      documents.push({ apiVersion: "v1alpha1", kind: "RegistryMirrorConfig", name: mirror.registry, endpoints: mirrorEndpoints(mirror) });
    }
  }
  return documents;
}
