import { merge, UserError, showValue, type ClusterContext, type DeepPartial } from "@k8s-gitops/core";
import { exportGlobalService, globalServiceRef, type GlobalServiceRef } from "../clustermesh/index.js";
import { vmResource, type VMResource, type VMSingleSpec } from "./crd-types.js";

export type VMSingle = VMResource<"VMSingle", VMSingleSpec>;

/**
 * Why VMSingle and not VMCluster, for two clusters of three nodes each (about 80k active series,
 * see the estimate below): one VMSingle ingests well over a million samples per second, forty
 * times more than we need. VMCluster would add vminsert/vmselect/vmstorage and a replication
 * factor on top of a Ceph volume that is already replicated three times, tripling the disk for
 * no durability gain. A VMSingle restart loses no data either: every vmagent buffers on disk
 * until the remote write succeeds again.
 */
export interface VMSingleOptions {
  /** Name of the VMSingle; its Service is `vmsingle-<name>`. */
  readonly name: string;
  readonly namespace: string;
  readonly port: number;
  readonly retention: string;
  readonly storageClass: string;
  readonly storageSize: string;
  readonly spec?: DeepPartial<VMSingleSpec>;
}

/**
 * Disk for 30 days, both clusters, one sample per series every 30 s:
 *   per node: ≈2.5k node-exporter + ≈3k kubelet/cAdvisor (≈40 pods × 70) + ≈4.5k component
 *   series (Cilium agent, Ceph OSD, CNPG, Flux, …) ≈ 10k series
 *   6 nodes × 10k + ≈20k cluster-wide (kube-state-metrics, operators, apiserver) ≈ 80k series
 *   80k / 30 s ≈ 2.7k samples/s ≈ 230M samples/day × ≈1 byte/sample ≈ 230 MB/day
 *   × 30 days ≈ 7 GB, + indexdb ≈15 % and series churn from rollouts (×2) ≈ 17 GB
 * 50Gi leaves room for three times the series or 90 days' retention before anyone has to act;
 * the VMStorageRunsOutOfSpace rule warns at 80 %.
 */
export const defaultStorageSize = "50Gi";
export const defaultRetention = "30d";
export const defaultPort = 8428;

const retentionPattern = /^[0-9]+(h|d|w|y)?$/;
const quantity = /^[0-9]+(\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|K|M|G|T|P)?$/;
const dnsLabel = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function optionProblems(options: VMSingleOptions): string[] {
  const problems: string[] = [];
  // The operator names the Service `vmsingle-<name>`, which must stay a DNS label.
  if (!dnsLabel.test(options.name) || options.name.length > 63 - "vmsingle-".length) {
    problems.push(`name: must be a DNS label of at most ${63 - "vmsingle-".length} characters, got ${showValue(options.name)}`);
  }
  if (!Number.isInteger(options.port) || options.port < 1 || options.port > 65535) problems.push(`port: must be 1-65535, got ${showValue(options.port)}`);
  if (!retentionPattern.test(options.retention)) problems.push(`retention: must look like "30d", "12w" or "1y", got ${showValue(options.retention)}`);
  if (!quantity.test(options.storageSize)) problems.push(`storageSize: must be a quantity such as "50Gi", got ${showValue(options.storageSize)}`);
  return problems;
}

/** The Service of the VMSingle, as every consumer on any cluster addresses it. */
export function vmSingleService(context: ClusterContext, options: Pick<VMSingleOptions, "name" | "namespace" | "port">): GlobalServiceRef {
  return globalServiceRef(context, { namespace: options.namespace, name: `vmsingle-${options.name}`, port: options.port, portName: "http" });
}

/**
 * The VMSingle, with its main Service marked as a global ClusterMesh Service so the other
 * clusters' vmagents can write to it (`serviceSpec.useAsDefault` patches the operator's Service).
 */
export function vmSingle(context: ClusterContext, options: VMSingleOptions): VMSingle {
  const problems = optionProblems(options);
  if (problems.length > 0) throw new UserError(`victoriaMetrics: invalid props`, problems);
  const service = vmSingleService(context, options);
  const spec: VMSingleSpec = {
    retentionPeriod: options.retention,
    port: String(options.port),
    storage: {
      storageClassName: options.storageClass,
      accessModes: ["ReadWriteOnce"],
      resources: { requests: { storage: options.storageSize } },
    },
    serviceSpec: { useAsDefault: true, metadata: { annotations: exportGlobalService(context, service) }, spec: {} },
    extraArgs: {
      // Pod churn creates new series; a generous limit keeps dashboards over all pods working.
      "search.maxUniqueTimeseries": "1000000",
    },
    resources: { requests: { cpu: "200m", memory: "1Gi" }, limits: { memory: "4Gi" } },
  };
  return vmResource("VMSingle", { name: options.name }, merge<VMSingleSpec>(spec, options.spec));
}
