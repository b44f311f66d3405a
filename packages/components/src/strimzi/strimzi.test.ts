import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { renderSharedTrees, UserError } from "@k8s-gitops/core";
import { estateOutputDir, fixtureContext, kubectlRequired, matchGolden, strictProblems } from "@k8s-gitops/core/testing";
import { parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { kafkaCluster, replicationConfig, strimziOperator } from "./index.js";
import { doc, messaging, renderWithShared } from "./test-support.js";
import { kustomizeFailures } from "../testing/kustomize.js";

const here = dirname(fileURLToPath(import.meta.url));
const renderApps = (...args: Parameters<typeof messaging>) => {
  const { operator, events, orders } = messaging(...args);
  return renderWithShared({ name: "apps", components: [operator, events, orders] });
};
const operatorRef = { name: "strimzi-operator", namespace: "kafka" };

describe("strimziOperator", () => {
  it("GIVEN the apps inventory THEN the operator base, the Kafka cluster and its topics and users match the golden files", () => {
    expect(matchGolden(join(here, "__golden__", "apps"), renderApps(), { coveredBy: estateOutputDir() })).toBe("");
  });

  it("GIVEN the default render THEN every document passes strict validation (kafka.strimzi.io v1, PodMonitor, Flux)", () => {
    expect(strictProblems(renderApps())).toEqual([]);
  });

  it("GIVEN a values override THEN sibling defaults are kept", () => {
    const values = doc(renderApps(undefined, { values: { resources: { limits: { memory: "512Mi" } } } }), "bases/strimzi-operator/helmrelease.yaml").spec.values;
    expect(values.resources).toEqual({ requests: { cpu: "200m", memory: "384Mi" }, limits: { memory: "512Mi" } });
    expect(values.watchAnyNamespace).toBe(true);
  });

  it("GIVEN infra and apps THEN both render the same operator base, and differing values are refused", () => {
    const same = (["infra", "apps"] as const).map((name) => ({ name, components: [strimziOperator(fixtureContext(name))] }));
    expect(renderSharedTrees(same).map((f) => f.path)).toEqual([
      "kubernetes/bases/strimzi-operator/helmrelease.yaml",
      "kubernetes/bases/strimzi-operator/kustomization.yaml",
      "kubernetes/bases/strimzi-operator/ocirepository.yaml",
    ]);
    const differing = [same[0]!, { name: "apps", components: [strimziOperator(fixtureContext("apps"), { values: { watchAnyNamespace: false } })] }];
    expect(() => renderSharedTrees(differing)).toThrow(/base strimzi-operator differs between/);
  });

  it("GIVEN the operator and its operands' security provider THEN the kafka namespace enforces the restricted standard", () => {
    const files = renderApps();
    const namespaces = parseAllDocuments(files.find((f) => f.path === "kubernetes/clusters/apps/namespaces.yaml")!.content).map((d) => d.toJS());
    expect(namespaces.find((n) => n.metadata.name === "kafka").metadata.labels["pod-security.kubernetes.io/enforce"]).toBe("restricted");
    expect(doc(files, "bases/strimzi-operator/helmrelease.yaml").spec.values.extraEnvs).toContainEqual({ name: "STRIMZI_POD_SECURITY_PROVIDER_CLASS", value: "restricted" });
  });

  it.runIf(kubectlRequired())("GIVEN the render THEN every kustomization (base included) builds with kubectl kustomize", () => {
    expect(kustomizeFailures(renderApps())).toEqual([]);
  });
});

describe("kafkaCluster", () => {
  const context = fixtureContext("apps");
  const json = (value: unknown): any => JSON.parse(JSON.stringify(value));
  const resources = (props = {}) => {
    const component = kafkaCluster(context, { name: "events", operator: operatorRef, ...props });
    return Object.fromEntries(component.stages[0]!.resources.map((r) => [`${r.kind}/${r.metadata?.name}`, json(r)]));
  };

  it("GIVEN the defaults THEN there is a controller-only and a broker-only pool of three, each on one ceph-block JBOD volume shared with the KRaft metadata", () => {
    const byName = resources();
    for (const role of ["controller", "broker"]) {
      const pool = byName[`KafkaNodePool/${role}`];
      expect(pool.metadata.labels).toEqual({ "strimzi.io/cluster": "events" });
      expect(pool.spec.roles).toEqual([role]);
      expect(pool.spec.replicas).toBe(3);
      expect(pool.spec.storage.volumes).toEqual([expect.objectContaining({ type: "persistent-claim", class: "ceph-block", kraftMetadata: "shared", deleteClaim: false })]);
    }
  });

  it("GIVEN the defaults THEN the listeners authenticate (SCRAM on 9092, mutual TLS on 9093) and the cluster authorizes by ACL", () => {
    const kafka = resources()["Kafka/events"].spec.kafka;
    expect(kafka.listeners.map((l: any) => [l.name, l.port, l.tls, l.authentication.type])).toEqual([
      ["plain", 9092, false, "scram-sha-512"],
      ["tls", 9093, true, "tls"],
    ]);
    expect(kafka.authorization).toEqual({ type: "simple" });
  });

  it("GIVEN the defaults THEN metrics come from the Strimzi Metrics Reporter and the PodMonitor scrapes its port on this cluster's pods", () => {
    const byName = resources();
    expect(byName["Kafka/events"].spec.kafka.metricsConfig).toEqual({ type: "strimziMetricsReporter" });
    const monitor = byName["PodMonitor/events-kafka"].spec;
    expect(monitor.selector.matchLabels).toEqual({ "strimzi.io/cluster": "events", "strimzi.io/kind": "Kafka" });
    expect(monitor.podMetricsEndpoints.map((e: any) => e.port)).toEqual(["tcp-prometheus"]);
  });

  it("GIVEN brokers.replicas 1 THEN the replication defaults shrink to one copy instead of asking for three brokers", () => {
    expect(resources({ brokers: { replicas: 1 } })["Kafka/events"].spec.kafka.config).toMatchObject({ "default.replication.factor": 1, "min.insync.replicas": 1 });
    expect(replicationConfig(5)).toMatchObject({ "default.replication.factor": 3, "min.insync.replicas": 2, "transaction.state.log.min.isr": 2 });
  });

  it("GIVEN a spec override THEN it merges into the generated spec and keeps its siblings", () => {
    const spec = resources({ spec: { kafka: { config: { "auto.create.topics.enable": false } } } })["Kafka/events"].spec;
    expect(spec.kafka.config["auto.create.topics.enable"]).toBe(false);
    expect(spec.kafka.config["min.insync.replicas"]).toBe(2);
    expect(spec.entityOperator).toEqual({ topicOperator: {}, userOperator: {} });
  });

  it("GIVEN cruiseControl THEN the Kafka gets a Cruise Control section, and none by default", () => {
    expect(resources()["Kafka/events"].spec.cruiseControl).toBeUndefined();
    expect(resources({ cruiseControl: true })["Kafka/events"].spec.cruiseControl).toEqual({});
  });

  it("GIVEN an even controller count, a bad name and a replication factor above the broker count THEN one UserError names each", () => {
    const build = () =>
      kafkaCluster(context, { name: "Events", operator: operatorRef, controllers: { replicas: 4 }, brokers: { storage: "100GB" }, config: { "default.replication.factor": 5 } });
    expect(build).toThrow(UserError);
    expect(build).toThrow(/name must be a DNS label of at most 40 characters, got "Events"/);
    expect(build).toThrow(/controllers.replicas must be odd .* got 4/);
    expect(build).toThrow(/brokers.storage must be a whole number of Mi, Gi or Ti .* got "100GB"/);
    expect(build).toThrow(/default.replication.factor"\] is 5, more than the 3 brokers/);
  });

  it("GIVEN the cluster value THEN its endpoints name the bootstrap Service of its namespace", () => {
    const events = kafkaCluster(context, { name: "events", operator: operatorRef, namespace: "messaging" });
    expect(events.endpoints).toEqual({
      plain: "events-kafka-bootstrap.messaging.svc:9092",
      tls: "events-kafka-bootstrap.messaging.svc:9093",
      clusterCaSecret: "events-cluster-ca-cert",
    });
    expect(events.stages[0]!.dependsOn).toEqual([operatorRef]);
    const withStorage = kafkaCluster(context, { name: "events", operator: operatorRef, storage: { name: "rook-ceph-cluster", namespace: "rook-ceph" } });
    expect(withStorage.stages[0]!.dependsOn).toEqual([operatorRef, { name: "rook-ceph-cluster", namespace: "rook-ceph" }]);
  });
});
