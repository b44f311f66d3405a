import type { ChartValues } from "../charts/index.js";
/** The values of the pinned spegel chart, generated from its archive (values.yaml, schema, templates). */
export type SpegelValues = ChartValues["spegel"];

/**
 * Talos' containerd paths. Talos reads registry host configuration from `/etc/cri/conf.d/hosts`
 * (not containerd's usual `/etc/containerd/certs.d`); the Talos patch must also set
 * `discard_unpacked_layers = false` so nodes keep the layers Spegel serves to their peers.
 */
export const talosContainerd = {
  registryConfigPath: "/etc/cri/conf.d/hosts",
  socket: "/run/containerd/containerd.sock",
} as const;

/** Node port containerd pulls through; it must not collide with any other hostPort. */
export const registryHostPort = 29999;

export const defaultValues: SpegelValues = {
  spegel: {
    containerdRegistryConfigPath: talosContainerd.registryConfigPath,
    containerdSock: talosContainerd.socket,
  },
  service: { registry: { hostPort: registryHostPort } },
  serviceMonitor: { enabled: true },
  // No Grafana sidecar is assumed; dashboards are provisioned by the observability stack.
  grafanaDashboard: { enabled: false },
};
