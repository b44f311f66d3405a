import type { PlainResource, ResourceMeta } from "@k8s-gitops/core";

/**
 * The operator.victoriametrics.com fields this project sets. There is no kubernetes-models
 * package for these kinds: the objects are plain, typed by these interfaces and validated
 * strictly against the CRD schemas (crds-catalog) in the tests.
 */
export const vmApiVersion = "operator.victoriametrics.com/v1beta1";

export interface LabelSelector {
  readonly matchLabels?: Readonly<Record<string, string>>;
  readonly matchExpressions?: readonly { readonly key: string; readonly operator: string; readonly values?: readonly string[] }[];
}

export interface RelabelConfig {
  readonly action?: string;
  readonly sourceLabels?: readonly string[];
  readonly separator?: string;
  readonly regex?: string;
  readonly targetLabel?: string;
  readonly replacement?: string;
}

export interface Resources {
  readonly requests?: Readonly<Record<string, string>>;
  readonly limits?: Readonly<Record<string, string>>;
}

export interface PersistentVolumeClaimSpec {
  readonly storageClassName: string;
  readonly accessModes: readonly string[];
  readonly resources: { readonly requests: { readonly storage: string } };
}

/** `serviceSpec` of the operator's CRs; with `useAsDefault` it patches the main Service. */
export interface AdditionalServiceSpec {
  readonly useAsDefault?: boolean;
  readonly metadata?: { readonly annotations?: Readonly<Record<string, string>>; readonly labels?: Readonly<Record<string, string>> };
  readonly spec: Readonly<Record<string, unknown>>;
}

export interface TlsConfig {
  readonly insecureSkipVerify?: boolean;
  readonly caFile?: string;
  readonly serverName?: string;
}

export interface VMSingleSpec {
  readonly retentionPeriod: string;
  readonly port?: string;
  readonly storage: PersistentVolumeClaimSpec;
  readonly serviceSpec?: AdditionalServiceSpec;
  readonly extraArgs?: Readonly<Record<string, string>>;
  readonly resources?: Resources;
}

export interface VMAgentSpec {
  readonly selectAllByDefault: boolean;
  readonly serviceScrapeNamespaceSelector: LabelSelector;
  readonly podScrapeNamespaceSelector: LabelSelector;
  readonly nodeScrapeNamespaceSelector: LabelSelector;
  readonly probeNamespaceSelector: LabelSelector;
  readonly staticScrapeNamespaceSelector: LabelSelector;
  readonly scrapeConfigNamespaceSelector: LabelSelector;
  readonly scrapeInterval: string;
  readonly externalLabels: Readonly<Record<string, string>>;
  readonly remoteWrite: readonly { readonly url: string }[];
  readonly extraArgs?: Readonly<Record<string, string>>;
  readonly resources?: Resources;
}

export interface VMAlertSpec {
  readonly datasource: { readonly url: string };
  readonly remoteWrite: { readonly url: string };
  readonly remoteRead: { readonly url: string };
  readonly notifiers: readonly { readonly url: string }[];
  readonly evaluationInterval: string;
  readonly selectAllByDefault: boolean;
  readonly ruleSelector: LabelSelector;
  readonly ruleNamespaceSelector: LabelSelector;
  readonly resources?: Resources;
}

export interface VMAlertmanagerSpec {
  readonly replicaCount: number;
  readonly configRawYaml: string;
  readonly configSelector: LabelSelector;
  readonly disableNamespaceMatcher: boolean;
  readonly externalURL?: string;
  readonly storage?: { readonly volumeClaimTemplate: { readonly spec: PersistentVolumeClaimSpec } };
  readonly resources?: Resources;
}

export interface Matchers {
  readonly matchers?: readonly string[];
}

export interface VMAlertmanagerConfigSpec {
  readonly route: Matchers & {
    readonly receiver: string;
    readonly group_by?: readonly string[];
    readonly group_wait?: string;
    readonly group_interval?: string;
    readonly repeat_interval?: string;
    readonly routes?: readonly (Matchers & { readonly receiver: string })[];
  };
  readonly receivers: readonly {
    readonly name: string;
    readonly webhook_configs?: readonly {
      readonly url_secret: { readonly name: string; readonly key: string };
      readonly send_resolved?: boolean;
    }[];
  }[];
}

export interface ScrapeEndpoint {
  readonly port?: string;
  readonly path?: string;
  readonly scheme?: "http" | "https";
  readonly interval?: string;
  readonly honorLabels?: boolean;
  readonly honorTimestamps?: boolean;
  readonly bearerTokenFile?: string;
  readonly tlsConfig?: TlsConfig;
  readonly relabelConfigs?: readonly RelabelConfig[];
  readonly metricRelabelConfigs?: readonly RelabelConfig[];
}

export type VMNodeScrapeSpec = ScrapeEndpoint & { readonly selector?: LabelSelector };

export interface VMServiceScrapeSpec {
  readonly selector: LabelSelector;
  readonly namespaceSelector?: { readonly matchNames?: readonly string[]; readonly any?: boolean };
  readonly jobLabel?: string;
  readonly endpoints: readonly ScrapeEndpoint[];
}

/** A VictoriaMetrics operator object: a plain resource with a typed spec. */
export interface VMResource<K extends string, S> extends PlainResource {
  readonly apiVersion: typeof vmApiVersion;
  readonly kind: K;
  readonly metadata: ResourceMeta;
  readonly spec: S;
}

export function vmResource<K extends string, S>(kind: K, metadata: ResourceMeta, spec: S): VMResource<K, S> {
  return { apiVersion: vmApiVersion, kind, metadata, spec };
}
