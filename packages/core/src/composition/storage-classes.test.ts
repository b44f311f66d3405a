import { PersistentVolume, PersistentVolumeClaim } from "kubernetes-models/v1";
import { StorageClass } from "kubernetes-models/storage.k8s.io/v1";
import { describe, expect, it } from "vitest";
import { defineComponent, type Capability, type Component, type Resource, type Stage } from "../component/index.js";
import { ociChart } from "../flux/index.js";
import type { Inventory } from "../inventory/index.js";
import { fixtureContext } from "../testing/index.js";
import { storageClassesExist } from "./storage-classes.js";

const { inventory } = fixtureContext("infra");

const storageClass = (name: string) => new StorageClass({ metadata: { name }, provisioner: "rook-ceph.rbd.csi.ceph.com" });
const claim = (name: string, storageClassName: string) =>
  new PersistentVolumeClaim({ metadata: { name, namespace: "db" }, spec: { storageClassName, accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } } });

const component = (name: string, stage: Omit<Stage, "name">, provides: readonly Capability[] = []): Component =>
  defineComponent({ name, namespace: name, area: "infrastructure", category: "storage", provides, stages: [{ name: "app", ...stage }] });

const provider = component("rook-ceph-cluster", { resources: [storageClass("ceph-block"), storageClass("ceph-bucket")] });

const check = (components: readonly Component[], inv: Inventory = inventory) => storageClassesExist({ name: "infra", inventory: inv, components });

describe("storageClassesExist", () => {
  it("GIVEN a claim, a CNPG Cluster, a Kafka node pool and Helm values naming classes a component creates THEN there is no problem", () => {
    const cnpg: Resource = { apiVersion: "postgresql.cnpg.io/v1", kind: "Cluster", metadata: { name: "pg", namespace: "db" }, spec: { storage: { storageClass: "ceph-block", size: "1Gi" } } };
    const pool: Resource = { apiVersion: "kafka.strimzi.io/v1", kind: "KafkaNodePool", metadata: { name: "broker", namespace: "kafka" }, spec: { storage: { type: "jbod", volumes: [{ id: 0, type: "persistent-claim", class: "ceph-block" }] } } };
    const chart = ociChart("oci://registry.example.net/charts/app", "1.0.0");
    const user = component("app", { releases: [{ name: "app", chart, values: { persistence: { storageClass: "ceph-block" } } }], resources: [claim("data", "ceph-block"), cnpg, pool] });
    expect(check([provider, user])).toEqual([]);
  });

  it("GIVEN a CNPG Cluster on openebs-hostpath and no component creating it WHEN checked THEN the problem names cluster, component, object, field and class, and lists the classes that exist", () => {
    const cnpg: Resource = { apiVersion: "postgresql.cnpg.io/v1", kind: "Cluster", metadata: { name: "pg", namespace: "db" }, spec: { storage: { storageClass: "openebs-hostpath", size: "1Gi" } } };
    expect(check([provider, component("postgres", { resources: [cnpg] })])).toEqual([
      `cluster "infra", component "postgres", stage "app", Cluster db/pg: spec.storage.storageClass names StorageClass "openebs-hostpath", which no component of the cluster provides and the inventory does not list in external.storageClasses (the cluster has "ceph-block" (component "rook-ceph-cluster"), "ceph-bucket" (component "rook-ceph-cluster"))`,
    ]);
  });

  it("GIVEN a misspelt class in a release's Helm values WHEN checked THEN the problem names the HelmRelease and the values path", () => {
    const chart = ociChart("oci://registry.example.net/charts/harbor", "1.0.0");
    const harbor = component("harbor", { releases: [{ name: "harbor", chart, values: { persistence: { persistentVolumeClaim: { trivy: { storageClass: "ceph-blok" } } } } }], resources: [] });
    expect(check([provider, harbor])).toEqual([
      `cluster "infra", component "harbor", stage "app", HelmRelease harbor values: persistence.persistentVolumeClaim.trivy.storageClass names StorageClass "ceph-blok", which no component of the cluster provides and the inventory does not list in external.storageClasses (the cluster has "ceph-block" (component "rook-ceph-cluster"), "ceph-bucket" (component "rook-ceph-cluster"))`,
    ]);
  });

  it("GIVEN a Kafka node pool volume naming a class and no StorageClass in the cluster WHEN checked THEN the problem says the cluster has none", () => {
    const pool: Resource = { apiVersion: "kafka.strimzi.io/v1", kind: "KafkaNodePool", metadata: { name: "broker", namespace: "kafka" }, spec: { storage: { type: "jbod", volumes: [{ id: 0, type: "persistent-claim", class: "fast" }] } } };
    expect(check([component("events", { resources: [pool] })])).toEqual([
      `cluster "infra", component "events", stage "app", KafkaNodePool kafka/broker: spec.storage.volumes[0].class names StorageClass "fast", which no component of the cluster provides and the inventory does not list in external.storageClasses (the cluster has none)`,
    ]);
  });

  it("GIVEN the class listed in the inventory's external.storageClasses THEN a claim naming it is accepted", () => {
    const inv: Inventory = { ...inventory, external: { ...inventory.external, storageClasses: ["local-path"] } };
    expect(check([component("app", { resources: [claim("data", "local-path")] })], inv)).toEqual([]);
  });

  it("GIVEN a component declaring { storageClass } (a chart that creates it) or a static PersistentVolume of that class THEN a claim naming it is accepted", () => {
    const chartMade = component("local-path-provisioner", { resources: [] }, [{ storageClass: "local-path" }]);
    const pv = new PersistentVolume({ metadata: { name: "archive" }, spec: { storageClassName: "archive", capacity: { storage: "1Ti" }, accessModes: ["ReadWriteMany"], nfs: { server: "10.0.0.5", path: "/archive" } } });
    const statics = component("archive", { resources: [pv] });
    expect(check([chartMade, statics, component("app", { resources: [claim("data", "local-path"), claim("old", "archive")] })])).toEqual([]);
  });

  it('GIVEN "", "-" and a Flux postBuild variable as class names THEN none is taken for a StorageClass name', () => {
    const chart = ociChart("oci://registry.example.net/charts/app", "1.0.0");
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal ${VAR} placeholder is the input under test
    const values = { a: { storageClass: "" }, b: { storageClass: "-" }, c: { storageClassName: "${STORAGE_CLASS}" } };
    expect(check([component("app", { releases: [{ name: "app", chart, values }], resources: [] })])).toEqual([]);
  });
});
