import { KafkaUser } from "@kubernetes-models/strimzi-kafka-operator/kafka.strimzi.io/v1/KafkaUser";
import { UserError, showValue } from "@k8s-gitops/core";
import { clusterLabel, isDnsLabel } from "./names.js";
import type { KafkaClusterRef } from "./topic.js";

export type KafkaAclOperation =
  | "Read"
  | "Write"
  | "Create"
  | "Delete"
  | "Alter"
  | "Describe"
  | "ClusterAction"
  | "AlterConfigs"
  | "DescribeConfigs"
  | "IdempotentWrite"
  | "All";

/** What an ACL applies to: a named topic, group or transactional id (or a name prefix), or the cluster. */
export type KafkaAclResource =
  | { readonly type: "topic" | "group" | "transactionalId"; readonly name: string; readonly patternType?: "literal" | "prefix" }
  | { readonly type: "cluster" };

export interface KafkaAcl {
  readonly resource: KafkaAclResource;
  readonly operations: readonly KafkaAclOperation[];
  /** @default "allow" */
  readonly type?: "allow" | "deny";
  /** @default any host */
  readonly host?: string;
}

export interface KafkaUserProps {
  /** Name of the user, of the KafkaUser object and of the Secret the User Operator writes. */
  readonly name: string;
  /** `tls` for the 9093 listener (client certificate), `scram-sha-512` for 9092 (password). */
  readonly authentication: "tls" | "scram-sha-512";
  /** What the user may do; without any ACL it can do nothing (simple authorization). */
  readonly acls: readonly KafkaAcl[];
}

/** The Secret the User Operator writes for a user: `user.crt`/`user.key` (tls) or `password` (scram). */
export const userSecretName = (user: Pick<KafkaUserProps, "name">): string => user.name;

/**
 * A user the cluster's User Operator creates together with its credentials: the certificate or
 * password is generated in the cluster into the Secret {@link userSecretName}, never by us.
 */
export function kafkaUser(cluster: KafkaClusterRef, props: KafkaUserProps): KafkaUser {
  const problems: string[] = [];
  if (!isDnsLabel(props.name)) problems.push(`name must be a DNS label (it names the credentials Secret), got ${showValue(props.name)}`);
  if (props.acls.length === 0) problems.push("acls must grant at least one operation (a user without ACLs can do nothing)");
  props.acls.forEach((acl, index) => {
    if (acl.operations.length === 0) problems.push(`acls[${index}].operations must name at least one operation`);
    if (acl.resource.type !== "cluster" && acl.resource.name.trim() === "") {
      problems.push(`acls[${index}].resource.name must name the ${acl.resource.type} (use "*" for all), got ${showValue(acl.resource.name)}`);
    }
  });
  if (problems.length > 0) throw new UserError(`kafkaUser ${showValue(props.name)} of cluster ${showValue(cluster.clusterName)}: invalid props`, problems);
  return new KafkaUser({
    metadata: { name: props.name, namespace: cluster.namespace, labels: { [clusterLabel]: cluster.clusterName } },
    spec: {
      authentication: { type: props.authentication },
      authorization: {
        type: "simple",
        acls: props.acls.map((acl) => ({
          resource: { ...acl.resource },
          operations: [...acl.operations],
          ...(acl.type ? { type: acl.type } : {}),
          ...(acl.host ? { host: acl.host } : {}),
        })),
      },
    },
  });
}
