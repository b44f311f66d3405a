import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";

/**
 * The generated chart value types, seen from a user of the components: snippets compiled with the
 * TypeScript compiler API against this package's tsconfig, as `tsc` would compile a cluster
 * definition. A misspelled key must be a compile error wherever it is (top level, nested), for a
 * chart without a values.schema.json (coredns, metrics-server: types from values.yaml and the
 * templates) and with one (cert-manager, cilium: the schema's types win).
 */

const here = dirname(fileURLToPath(import.meta.url));
const snippetPath = (name: string): string => join(here, `__chart_values_snippet_${name}.ts`);

const snippets: Record<string, string> = {
  corednsTop: `import type { CoreDnsProps } from "./coredns/index.js";
export const props: CoreDnsProps = { values: { replicaCout: 3 } };`,
  corednsNested: `import type { CoreDnsProps } from "./coredns/index.js";
export const props: CoreDnsProps = { values: { prometheus: { service: { enabeld: true } } } };`,
  metricsServerTop: `import type { MetricsServerProps } from "./metrics-server/index.js";
export const props: MetricsServerProps = { values: { replicaz: 3 } };`,
  metricsServerType: `import type { MetricsServerProps } from "./metrics-server/index.js";
export const props: MetricsServerProps = { values: { replicas: "three" } };`,
  certManagerTop: `import type { CertManagerProps } from "./cert-manager/index.js";
export const props: CertManagerProps = { values: { replicaCout: 3 } };`,
  certManagerNested: `import type { CertManagerProps } from "./cert-manager/index.js";
export const props: CertManagerProps = { values: { webhook: { replicaCont: 2 } } };`,
  ciliumNested: `import type { CiliumProps } from "./cilium/index.js";
export const props: CiliumProps = { values: { hubble: { relay: { enabeld: true } } } };`,
  fluxEnum: `import type { FluxInstanceProps } from "./flux/index.js";
export const values: FluxInstanceProps["values"] = { instance: { cluster: { type: "kubernets" } } };`,
  valid: `import type { CertManagerProps } from "./cert-manager/index.js";
import type { CiliumProps } from "./cilium/index.js";
import type { CoreDnsProps } from "./coredns/index.js";
import type { MetricsServerProps } from "./metrics-server/index.js";
export const coredns: CoreDnsProps = {
  values: { replicaCount: 3, service: { clusterIP: "10.43.0.10" }, podAnnotations: { "example.net/any": "free-form" }, prometheus: { monitor: { enabled: true } } },
};
export const metricsServer: MetricsServerProps = { values: { replicas: 2, args: ["--kubelet-insecure-tls"], nodeSelector: { "kubernetes.io/os": "linux" } } };
export const certManager: CertManagerProps = { values: { webhook: { replicaCount: 3 }, podLabels: { team: "platform" }, crds: { enabled: true } } };
export const cilium: CiliumProps = { values: { hubble: { relay: { enabled: false } }, routingMode: "tunnel", operator: { replicas: 1 } } };`,
};

interface Diagnostic {
  readonly code: number;
  readonly message: string;
  /** The source text the diagnostic points at. */
  readonly at: string;
}

let diagnostics: Record<string, Diagnostic[]>;

beforeAll(() => {
  const config = ts.getParsedCommandLineOfConfigFile(join(here, "..", "tsconfig.json"), { noEmit: true }, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    },
  });
  if (config === undefined) throw new Error("packages/components/tsconfig.json does not parse");
  const host = ts.createCompilerHost(config.options);
  const virtual = new Map(Object.entries(snippets).map(([name, text]) => [snippetPath(name), text]));
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, language, onError, create) => {
    const text = virtual.get(fileName);
    return text === undefined ? getSourceFile(fileName, language, onError, create) : ts.createSourceFile(fileName, text, language, true);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (fileName) => virtual.has(fileName) || fileExists(fileName);
  const program = ts.createProgram({ rootNames: [...virtual.keys()], options: config.options, host });
  diagnostics = Object.fromEntries(
    Object.keys(snippets).map((name) => {
      const file = program.getSourceFile(snippetPath(name))!;
      const found = [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)].map((d) => ({
        code: d.code,
        message: ts.flattenDiagnosticMessageText(d.messageText, "\n"),
        at: d.start === undefined ? "" : file.text.slice(d.start, d.start + (d.length ?? 0)),
      }));
      return [name, found];
    }),
  );
}, 120_000);

/** TS2353 (no close match) or TS2561 (with a "Did you mean" suggestion): the excess property check. */
const unknownKey = (key: string, inType: string, suggestion?: string): Diagnostic => ({
  code: suggestion === undefined ? 2353 : 2561,
  message:
    suggestion === undefined
      ? `Object literal may only specify known properties, and '${key}' does not exist in type '${inType}'.`
      : `Object literal may only specify known properties, but '${key}' does not exist in type '${inType}'. Did you mean to write '${suggestion}'?`,
  at: key,
});

describe("generated chart value types in component props", () => {
  it("GIVEN valid values for charts with and without a schema, free-form maps included THEN the snippet compiles", () => {
    expect(diagnostics.valid).toEqual([]);
  });

  it("GIVEN a misspelled top-level CoreDNS value (chart without a schema) THEN it is a compile error naming the key", () => {
    expect(diagnostics.corednsTop).toEqual([unknownKey("replicaCout", "DeepPartialObject<CorednsValues>", "replicaCount")]);
  });

  it("GIVEN a misspelled nested CoreDNS value (chart without a schema) THEN it is a compile error naming the key and its parent type", () => {
    expect(diagnostics.corednsNested).toEqual([unknownKey("enabeld", "DeepPartialObject<CorednsValuesPrometheusService>", "enabled")]);
  });

  it("GIVEN the metrics-server typos of issue 17 (replicaz, replicas: \"three\") THEN both are compile errors", () => {
    expect(diagnostics.metricsServerTop).toEqual([unknownKey("replicaz", "DeepPartialObject<MetricsServerValues>", "replicas")]);
    expect(diagnostics.metricsServerType).toEqual([{ code: 2322, message: "Type 'string' is not assignable to type 'number'.", at: "replicas" }]);
  });

  it("GIVEN a misspelled top-level cert-manager value (chart with a schema) THEN it is a compile error naming the key", () => {
    expect(diagnostics.certManagerTop).toEqual([unknownKey("replicaCout", "DeepPartialObject<CertManagerValues>", "replicaCount")]);
  });

  it("GIVEN a misspelled nested value in charts with a schema (cert-manager webhook, cilium hubble.relay) THEN it is a compile error", () => {
    expect(diagnostics.certManagerNested).toEqual([unknownKey("replicaCont", "DeepPartialObject<CertManagerValuesWebhook>", "replicaCount")]);
    expect(diagnostics.ciliumNested).toEqual([unknownKey("enabeld", "DeepPartialObject<CiliumValuesHubbleRelay>", "enabled")]);
  });

  it("GIVEN a value outside the schema's enum (flux-instance instance.cluster.type) THEN it is a compile error listing the allowed values", () => {
    // TS2820: not assignable, with a suggestion; the order of the union members in the message is the
    // compiler's (type creation order), so only the parts that name the mistake are pinned.
    expect(diagnostics.fluxEnum).toEqual([{ code: 2820, message: expect.stringMatching(/^Type '"kubernets"' is not assignable to type '.*"openshift".*'\. Did you mean '"kubernetes"'\?$/), at: "type" }]);
  });
});
