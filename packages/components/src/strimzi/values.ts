import type { ChartValues } from "../charts/index.js";
/** The values of the pinned strimzi-kafka-operator chart, generated from its archive (values.yaml, schema, templates). */
export type StrimziOperatorValues = ChartValues["strimzi-kafka-operator"];

export const defaultValues: StrimziOperatorValues = {
  // One operator for every namespace: a tenant may run its own Kafka next to the shared one.
  watchAnyNamespace: true,
  // Operands (Kafka, controllers, entity and cruise control pods) get the securityContext of the
  // "restricted" Pod Security Standard, so the namespaces they run in can enforce it.
  extraEnvs: [{ name: "STRIMZI_POD_SECURITY_PROVIDER_CLASS", value: "restricted" }],
  // The chart's defaults (384Mi) are tuned for a handful of clusters; no CPU limit, because a
  // throttled operator misses its reconcile deadlines during rolling updates.
  resources: { requests: { cpu: "200m", memory: "384Mi" }, limits: { memory: "384Mi" } },
};
