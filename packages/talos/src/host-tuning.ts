/** A kernel setting and the workload that needs it. */
export interface HostSetting {
  readonly name: string;
  readonly value: string;
  readonly reason: string;
}

/**
 * Sysctls for the workloads of both clusters. Talos's defaults already cover Cilium (eBPF, BPF JIT,
 * forwarding), so only limits that real workloads exhaust are raised.
 */
export const sysctls: readonly HostSetting[] = [
  {
    name: "fs.inotify.max_user_instances",
    value: "8192",
    reason: "controllers, Flux and log shippers (fluent-bit) each hold inotify instances; the default 128 runs out",
  },
  {
    name: "fs.inotify.max_user_watches",
    value: "1048576",
    reason: "watches on every container log and config file; the default is exhausted by a few hundred pods",
  },
  {
    name: "net.core.rmem_max",
    value: "67108864",
    reason: "Ceph messenger and QUIC (cloudflared, Cilium's Envoy) ask for large socket buffers; the kernel caps them here",
  },
  {
    name: "net.core.wmem_max",
    value: "67108864",
    reason: "send-side counterpart of net.core.rmem_max for Ceph replication traffic",
  },
];

/**
 * Kernel modules loaded at boot. `rbd`, `ceph` and everything Cilium uses are built into the Talos
 * kernel, so they are not listed (a built-in module never shows up as loaded).
 */
export const kernelModules: readonly HostSetting[] = [
  {
    name: "nbd",
    value: "",
    reason: "Ceph CSI probes nbd for the rbd-nbd mounter; Talos forbids pods from loading modules, so load it at boot",
  },
];
