import { UserError } from "@k8s-gitops/core";
import { fixtureContext } from "@k8s-gitops/core/testing";
import { describe, expect, it } from "vitest";
import { kafkaAccess, kafkaCluster, kafkaTopic, kafkaUser } from "./index.js";

const context = fixtureContext("apps");
const events = kafkaCluster(context, { name: "events", operator: { name: "strimzi-operator", namespace: "kafka" } });
const json = (value: unknown): any => JSON.parse(JSON.stringify(value));

describe("kafkaTopic", () => {
  it("GIVEN a topic without replicas THEN it lands in the cluster's namespace, labelled for it, with the cluster's replication factor", () => {
    const topic = json(kafkaTopic(events, { name: "orders", partitions: 6 }));
    expect(topic.metadata).toEqual({ name: "orders", namespace: "kafka", labels: { "strimzi.io/cluster": "events" } });
    expect(topic.spec).toEqual({ partitions: 6, replicas: events.replicationFactor });
  });

  it("GIVEN more replicas than brokers or min.insync.replicas above replicas THEN a UserError names the field and value", () => {
    expect(() => kafkaTopic(events, { name: "orders", partitions: 1, replicas: 4 })).toThrow(UserError);
    expect(() => kafkaTopic(events, { name: "orders", partitions: 1, replicas: 4 })).toThrow(/replicas must be a whole number from 1 to the cluster's 3 brokers, got 4/);
    expect(() => kafkaTopic(events, { name: "orders", partitions: 1, replicas: 2, config: { "min.insync.replicas": 3 } })).toThrow(/min.insync.replicas"\] must be from 1 to replicas \(2\), got 3/);
    expect(() => kafkaTopic(events, { name: "orders", partitions: 0 })).toThrow(/partitions must be a whole number of at least 1, got 0/);
  });

  it("GIVEN a Kafka name that is no Kubernetes name THEN it goes to topicName and the object keeps a valid name", () => {
    expect(() => kafkaTopic(events, { name: "Orders_v2", partitions: 1 })).toThrow(/set topicName for other Kafka names, got "Orders_v2"/);
    expect(json(kafkaTopic(events, { name: "orders-v2", topicName: "Orders_v2", partitions: 1 })).spec.topicName).toBe("Orders_v2");
  });
});

describe("kafkaUser", () => {
  it("GIVEN a SCRAM user THEN the User Operator is asked to generate its password; no credential is in the object", () => {
    const user = json(kafkaUser(events, { name: "billing", authentication: "scram-sha-512", acls: [{ resource: { type: "cluster" }, operations: ["Describe"] }] }));
    expect(user.metadata.labels).toEqual({ "strimzi.io/cluster": "events" });
    expect(user.spec.authentication).toEqual({ type: "scram-sha-512" });
    expect(JSON.stringify(user)).not.toMatch(/password|valueFrom/);
  });

  it("GIVEN no ACL, an ACL without operations or a topic ACL without name THEN a UserError lists each", () => {
    expect(() => kafkaUser(events, { name: "billing", authentication: "tls", acls: [] })).toThrow(/acls must grant at least one operation/);
    const bad = () =>
      kafkaUser(events, {
        name: "billing",
        authentication: "tls",
        acls: [
          { resource: { type: "topic", name: "" }, operations: ["Read"] },
          { resource: { type: "group", name: "g" }, operations: [] },
        ],
      });
    expect(bad).toThrow(UserError);
    expect(bad).toThrow(/acls\[0\].resource.name must name the topic .* got ""/);
    expect(bad).toThrow(/acls\[1\].operations must name at least one operation/);
  });
});

describe("kafkaAccess", () => {
  it("GIVEN topics of another cluster THEN the component is refused naming the stray object", () => {
    const other = kafkaCluster(context, { name: "audit", operator: { name: "strimzi-operator", namespace: "kafka" } });
    const stray = kafkaTopic(other, { name: "trail", partitions: 1 });
    expect(() => kafkaAccess(context, { name: "orders-kafka", cluster: events, topics: [stray] })).toThrow(/KafkaTopic "trail" belongs to cluster "audit"/);
  });

  it("GIVEN topics and users THEN the component waits for the cluster and health-checks both kinds", () => {
    const access = kafkaAccess(context, {
      name: "orders-kafka",
      cluster: events,
      topics: [kafkaTopic(events, { name: "orders", partitions: 3 })],
      users: [kafkaUser(events, { name: "orders", authentication: "tls", acls: [{ resource: { type: "topic", name: "orders" }, operations: ["All"] }] })],
    });
    expect(access.namespace).toBe("kafka");
    expect(access.stages[0]!.dependsOn).toEqual([{ name: "events", namespace: "kafka" }]);
    expect(access.stages[0]!.healthCheckExprs?.map((h) => h.kind)).toEqual(["KafkaTopic", "KafkaUser"]);
  });
});
