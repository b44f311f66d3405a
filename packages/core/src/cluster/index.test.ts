import { PersistentVolumeClaim } from "kubernetes-models/v1";
import { describe, expect, it } from "vitest";
import { defineComponent, type Component } from "../component/index.js";
import { UserError } from "../errors/index.js";
import { chartComponent, ociChart } from "../flux/index.js";
import { fixtureContext } from "../testing/index.js";
import { defineCluster } from "./index.js";

const context = fixtureContext("infra");

const database = (): Component =>
  defineComponent({
    name: "postgres",
    namespace: "db",
    area: "infrastructure",
    category: "databases",
    stages: [
      {
        name: "app",
        resources: [new PersistentVolumeClaim({ metadata: { name: "data", namespace: "db" }, spec: { storageClassName: "openebs-hostpath", accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } } })],
      },
    ],
  });

const dns = (): Component =>
  defineComponent({ name: "coredns", namespace: "kube-system", area: "infrastructure", category: "network", provides: ["cluster-dns"], stages: [{ name: "app", resources: [] }] });

describe("defineCluster runs the composition rules", () => {
  it("GIVEN no DNS provider and a claim on a StorageClass nothing creates WHEN the cluster is defined THEN one UserError lists both problems", () => {
    const define = () => defineCluster(context, () => [database()]);
    expect(define).toThrow(UserError);
    expect(define).toThrow(
      [
        `cluster "infra" is composed of components that do not fit together (2 problems):`,
        `  - cluster "infra": no component provides cluster DNS and Talos' own CoreDNS is disabled, so nothing answers at network.clusterDNS "10.43.0.10", the nameserver of every pod. Add the coredns component (coredns(context) from @k8s-gitops/components/coredns) or keep Talos' CoreDNS (return { components, keepTalosCoreDns: true } from the defineCluster builder)`,
        `  - cluster "infra", component "postgres", stage "app", PersistentVolumeClaim db/data: spec.storageClassName names StorageClass "openebs-hostpath", which no component of the cluster provides and the inventory does not list in external.storageClasses (the cluster has none)`,
      ].join("\n"),
    );
  });

  it("GIVEN a chartComponent declaring provides: [cluster-dns] THEN the cluster needs no other DNS provider", () => {
    const dnsChart = chartComponent({
      name: "kube-dns",
      namespace: "kube-system",
      area: "infrastructure",
      category: "network",
      chart: ociChart("oci://registry.example.net/charts/dns", "1.0.0"),
      values: {},
      provides: ["cluster-dns"],
    });
    expect(defineCluster(context, () => [dnsChart]).components).toEqual([dnsChart]);
  });

  it("GIVEN keepTalosCoreDns from the builder THEN the cluster is defined without a DNS component and carries the setting for the Talos output", () => {
    const cluster = defineCluster(context, () => ({ components: [], keepTalosCoreDns: true }));
    expect(cluster.keepTalosCoreDns).toBe(true);
    expect(defineCluster(context, () => [dns()])).not.toHaveProperty("keepTalosCoreDns");
  });
});
