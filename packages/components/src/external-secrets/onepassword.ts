import { ClusterSecretStore } from "@kubernetes-models/external-secrets/external-secrets.io/v1/ClusterSecretStore";
import {
  defineComponent,
  merge,
  ociChart,
  ref,
  type ClusterContext,
  type Component,
  type DeepPartial,
  type HealthCheckExpr,
  type Ref,
} from "@k8s-gitops/core";
import { connectServiceFromHost } from "./connect-host.js";
import { connectDefaultValues, onePasswordBootstrapSecret, type ConnectValues, type OnePasswordBootstrapKey } from "./connect-values.js";
import { defaultSecretStore } from "./external-secret.js";
import { externalSecretsNamespace } from "./namespace.js";

/** One pin, one place: the official 1Password Connect chart. */
export const connectChart = ociChart("oci://ghcr.io/1password/connect", "2.4.1");

export type OnePasswordConnectStage = "app" | "store";

export interface OnePasswordConnectProps {
  /** The External Secrets operator: the store stage needs its CRDs and webhook. Pass `ref(externalSecrets(ctx))`. */
  readonly externalSecrets: Ref;
  /** Deep-merged over the defaults: objects merge, arrays replace, null deletes. */
  readonly values?: DeepPartial<ConnectValues>;
}

/** Ready condition of a store, as Flux health-checks it. */
export const secretStoreHealthCheck: HealthCheckExpr = {
  apiVersion: "external-secrets.io/v1",
  kind: "ClusterSecretStore",
  current: "status.conditions.filter(e, e.type == 'Ready').all(e, e.status == 'True')",
  failed: "status.conditions.filter(e, e.type == 'Ready').all(e, e.status == 'False')",
};

/** The ClusterSecretStore every `externalSecret()` reads from: one vault through Connect. */
/** The store that writes into the shared vault (PushSecrets of credentials other clusters read). */
export const sharedPushStore = "onepassword-shared";

export function onePasswordStore(connectHost: string, vault: string, sharedVault?: string, name: string = defaultSecretStore): ClusterSecretStore {
  return new ClusterSecretStore({
    metadata: { name },
    spec: {
      provider: {
        onepassword: {
          connectHost,
          // A vault per cluster, so a cluster only reads its own secrets plus those meant to cross
          // clusters; its own vault wins when both hold an item of the same name.
          vaults: { [vault]: 1, ...(sharedVault && sharedVault !== vault ? { [sharedVault]: 2 } : {}) },
          auth: {
            secretRef: {
              connectTokenSecretRef: { name: onePasswordBootstrapSecret.name, key: "token" satisfies OnePasswordBootstrapKey, namespace: onePasswordBootstrapSecret.namespace },
            },
          },
        },
      },
    },
  });
}

/**
 * 1Password Connect (API + sync) and the `onepassword` ClusterSecretStore on top of it. Connect
 * reads the bootstrap Secret {@link onePasswordBootstrapSecret}, which is created before Flux
 * runs; the store stage waits for Connect and the operator and is healthy once the store is Ready.
 */
export function onePasswordConnect(context: ClusterContext, props: OnePasswordConnectProps): Component<OnePasswordConnectStage> {
  const { connectHost, vault, sharedVault } = context.inventory.external.onepassword;
  const service = connectServiceFromHost(connectHost, externalSecretsNamespace, context.inventory.cluster.name);
  const values = merge(connectDefaultValues(service), props.values);
  return defineComponent({
    name: "onepassword-connect",
    namespace: externalSecretsNamespace,
    area: "infrastructure",
    category: "security",
    stages: [
      {
        name: "app",
        releases: [{ name: "onepassword-connect", chart: connectChart, values }],
        resources: [],
      },
      {
        name: "store",
        dependsOn: [props.externalSecrets],
        resources: [
          onePasswordStore(connectHost, vault, sharedVault),
          // PushSecrets write into the first vault of their store: this one has only the shared vault.
          ...(sharedVault ? [onePasswordStore(connectHost, sharedVault, undefined, sharedPushStore)] : []),
        ],
        healthCheckExprs: [secretStoreHealthCheck],
      },
    ],
  });
}

/**
 * A typed reference to the store stage, for components whose ExternalSecrets need a ready store
 * (e.g. `certManager(ctx, { secretStore: secretStoreRef(connect) })`).
 */
export function secretStoreRef(component: Component<OnePasswordConnectStage>): Ref {
  return ref(component, "store");
}
