import { merge, type PlainResource } from "@k8s-gitops/core";
import type { FluxInstanceValues } from "./values.js";

/** The defaults of the flux-instance 0.49.0 chart's values.yaml that its FluxInstance template reads. */
const chartDefaults = {
  instance: {
    distribution: { artifact: "oci://ghcr.io/controlplaneio-fluxcd/flux-operator-manifests:latest" },
    cluster: { type: "kubernetes", size: "", domain: "cluster.local", networkPolicy: true, multitenant: false, tenantDefaultServiceAccount: "default" },
    sync: { interval: "1m", kind: "GitRepository" },
  },
} as const;

/** The FluxInstance name the chart uses (`fullnameOverride: flux`); the operator expects exactly this name. */
export const fluxInstanceName = "flux";

const present = (value: unknown): boolean => value !== undefined && value !== "";

/**
 * The FluxInstance the flux-instance chart renders from these values (its templates/instance.yaml,
 * field by field), so tests can validate the object Flux Operator will actually receive against the
 * FluxInstance CRD, not only the values against the chart schema.
 */
export function fluxInstanceManifest(values: FluxInstanceValues, namespace: string): PlainResource {
  // The chart's defaults set `instance.distribution`, `cluster` and `sync`; the chart's type keeps
  // every key optional because an override may omit it.
  const instance = merge(chartDefaults as unknown as FluxInstanceValues, values).instance ?? {};
  const { sync = {}, distribution = {} } = instance;
  const sharding = instance.sharding as { key?: string; shards?: string[] } | undefined;
  const storage = instance.storage as { class?: string; size?: string } | undefined;
  const metadata = instance.commonMetadata ?? {};
  const hasMetadata = Object.keys(metadata.labels ?? {}).length > 0 || Object.keys(metadata.annotations ?? {}).length > 0;
  return {
    apiVersion: "fluxcd.controlplane.io/v1",
    kind: "FluxInstance",
    metadata: { name: fluxInstanceName, namespace },
    spec: {
      distribution: Object.fromEntries(Object.entries(distribution).filter(([, value]) => present(value))),
      components: [...(instance.components ?? [])],
      cluster: Object.fromEntries(Object.entries(instance.cluster ?? {}).filter(([, value]) => present(value))),
      ...(hasMetadata ? { commonMetadata: metadata } : {}),
      kustomize: instance.kustomize,
      ...(present(sync.url)
        ? {
            sync: Object.fromEntries(
              Object.entries({ kind: sync.kind, interval: sync.interval, url: sync.url, ref: sync.ref, path: sync.path, pullSecret: sync.pullSecret }).filter(([, value]) =>
                present(value),
              ),
            ),
          }
        : {}),
      ...(present(storage?.size) ? { storage } : {}),
      ...(sharding?.shards?.length ? { sharding: { key: sharding.key, shards: sharding.shards } } : {}),
    },
  };
}
