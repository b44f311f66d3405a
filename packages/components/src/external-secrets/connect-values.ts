import { externalSecretsNamespace } from "./namespace.js";
import type { ChartValues } from "../charts/index.js";

/** The values of the pinned connect chart, generated from its archive (values.yaml, schema, templates). */
export type ConnectValues = ChartValues["connect"];

/**
 * The bootstrap Secret Connect and the ClusterSecretStore read. It is never generated: the
 * bootstrap step creates it from 1Password (`op inject` of a template built from these names)
 * before Flux starts, because External Secrets cannot fetch its own credentials.
 */
export const onePasswordBootstrapSecret = {
  name: "onepassword-connect-secret",
  namespace: externalSecretsNamespace,
  keys: ["1password-credentials.json", "token"],
  /** What each key holds, for the bootstrap template and its reviewers. */
  descriptions: {
    "1password-credentials.json": "the Connect server's 1password-credentials.json, base64-encoded (Connect reads it as OP_SESSION)",
    token: "a Connect access token with read access to the cluster's vault (used by the ClusterSecretStore)",
  },
} as const;

export type OnePasswordBootstrapKey = (typeof onePasswordBootstrapSecret.keys)[number];

export function connectDefaultValues(service: { name: string; port: number }): ConnectValues {
  return {
    connect: {
      applicationName: service.name,
      // Only External Secrets talks to Connect; the chart's NodePort default would expose it on every node.
      serviceType: "ClusterIP",
      credentialsName: onePasswordBootstrapSecret.name,
      credentialsKey: "1password-credentials.json" satisfies OnePasswordBootstrapKey,
      // The bootstrap Secret is rotated outside Flux; Reloader restarts Connect when it changes.
      annotations: { "reloader.stakater.com/auto": "true" },
      api: { httpPort: service.port, serviceMonitor: { enabled: true } },
    },
    operator: { create: false },
  };
}
