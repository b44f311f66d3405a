import { serviceHost, type GlobalServiceRef } from "../clustermesh/index.js";

/**
 * Fields that identify a log stream in VictoriaLogs. Streams must be few and stable: cluster,
 * namespace, pod and container (set by the kubernetes filter and the lift below), plus
 * stdout/stderr.
 */
export const streamFields = ["cluster", "k_namespace_name", "k_pod_name", "k_container_name", "stream"] as const;

/**
 * JSON logs are merged into the record (Merge_Log) and lose their `log` key, so the message is
 * whichever of these fields the application used.
 */
export const messageFields = ["log", "msg", "message"] as const;

/** The query string of the `/insert/jsonline` request: how VictoriaLogs reads each record. */
export function insertQuery(): string {
  return `_stream_fields=${streamFields.join(",")}&_msg_field=${messageFields.join(",")}&_time_field=date`;
}

export const serviceSection = `[SERVICE]
    Daemon Off
    Flush {{ .Values.flush }}
    Log_Level {{ .Values.logLevel }}
    Parsers_File /fluent-bit/etc/parsers.conf
    Parsers_File /fluent-bit/etc/conf/custom_parsers.conf
    HTTP_Server On
    HTTP_Listen 0.0.0.0
    HTTP_Port {{ .Values.metricsPort }}
    Health_Check On
`;

// Talos runs containerd: CRI log lines, rotated under /var/log/pods. The offsets database keeps
// positions across restarts, so logs are neither lost nor shipped twice.
export const inputSection = `[INPUT]
    Name tail
    Alias kubernetes
    Path /var/log/containers/*.log
    multiline.parser cri
    Tag kubernetes.*
    DB /var/log/fluent-bit-kubernetes.db
    DB.locking true
    Mem_Buf_Limit 32MB
    Skip_Long_Lines On
    Skip_Empty_Lines On
`;

/** The kubernetes filter, the lifts that flatten its metadata, and the cluster name. */
export function filterSection(cluster: string): string {
  return `[FILTER]
    Name kubernetes
    Match kubernetes.*
    Kube_Tag_Prefix kubernetes.var.log.containers.
    Merge_Log On
    Keep_Log Off
    K8S-Logging.Parser On
    K8S-Logging.Exclude On
    Labels On
    Annotations Off

[FILTER]
    Name nest
    Match kubernetes.*
    Operation lift
    Nested_under kubernetes
    Add_prefix k_

[FILTER]
    Name modify
    Match kubernetes.*
    Add cluster ${cluster}
`;
}

/** The HTTP output to VictoriaLogs' JSON-lines endpoint, gzip-compressed. */
export function outputSection(insert: GlobalServiceRef): string {
  return `[OUTPUT]
    Name http
    Match kubernetes.*
    Host ${serviceHost(insert)}
    Port ${insert.port}
    URI ${insert.path ?? ""}?${insertQuery()}
    Format json_lines
    Json_Date_Key date
    Json_Date_Format iso8601
    Compress gzip
    Retry_Limit False
    Log_Response_Payload False
`;
}
