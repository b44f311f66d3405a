import { ref, renderCluster, renderSharedTrees, type ClusterContext, type Component, type GeneratedFile } from "@k8s-gitops/core";
import { fixtureContext } from "@k8s-gitops/core/testing";
import { parse } from "yaml";
import { kafkaAccess, kafkaCluster, kafkaTopic, kafkaUser, strimziOperator, type KafkaClusterProps, type StrimziOperatorProps } from "./index.js";

/** The apps-cluster composition: operator, one Kafka cluster and one owner's topics and users. */
export function messaging(context: ClusterContext = fixtureContext("apps"), operatorProps: StrimziOperatorProps = {}, clusterProps: Partial<KafkaClusterProps> = {}) {
  const operator = strimziOperator(context, operatorProps);
  const events = kafkaCluster(context, { name: "events", operator: ref(operator), ...clusterProps });
  const orders = kafkaAccess(context, {
    name: "orders-kafka",
    cluster: events,
    topics: [kafkaTopic(events, { name: "orders", partitions: 6, config: { "retention.ms": 604800000 } })],
    users: [
      kafkaUser(events, {
        name: "orders-service",
        authentication: "scram-sha-512",
        acls: [
          { resource: { type: "topic", name: "orders" }, operations: ["Read", "Write", "Describe"] },
          { resource: { type: "group", name: "orders-", patternType: "prefix" }, operations: ["Read"] },
        ],
      }),
    ],
  });
  return { operator, events, orders };
}

export function renderWithShared(cluster: { name: string; components: readonly Component[] }): GeneratedFile[] {
  return [...renderCluster(cluster), ...renderSharedTrees([cluster])];
}

export function doc(files: readonly GeneratedFile[], suffix: string): any {
  const found = files.find((f) => f.path.endsWith(suffix));
  if (!found) throw new Error(`no rendered file ends with ${suffix}`);
  return parse(found.content);
}
