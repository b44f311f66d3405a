import { flow, scrapeFlow, type Flow, type FlowContext, type Workload } from "../network-flows/model.js";

/**
 * Pods of the VictoriaMetrics operator's custom resources: the operator labels them
 * `app.kubernetes.io/name: <vmsingle|vmagent|vmalert|vmalertmanager>` and
 * `app.kubernetes.io/instance: <name>` (VictoriaMetrics/operator `api/operator/v1beta1/*_types.go`, SelectorLabels).
 */
export function vmWorkload(cluster: string, namespace: string, kind: "vmsingle" | "vmagent" | "vmalert" | "vmalertmanager", name: string): Workload {
  return { cluster, namespace, name: `${kind}-${name}`, labels: { "app.kubernetes.io/name": kind, "app.kubernetes.io/instance": name } };
}

export const vmsinglePort = 8428;
export const alertmanagerPort = 9093;
/** vmalert's HTTP port (operator default `8080`, VMAlert `spec.port`). */
export const vmalertPort = 8080;

/**
 * vmalert's flows inside the stack: it queries and writes to VMSingle and notifies Alertmanager,
 * which calls its webhook receiver outside the cluster.
 * The operator also creates a VMServiceScrape for each of its resources (VictoriaMetrics/operator
 * `internal/controller/operator/factory/build/servicescrape.go`; self-scrape creation is on by
 * default), so VMAgent scrapes VMSingle, vmalert and Alertmanager on their HTTP ports.
 */
export function vmStackFlows(vmsingle: Workload, vmalert: Workload, alertmanager: Workload, scraper?: Workload): Flow[] {
  return [
    flow("victoria-metrics", vmalert, vmsingle, [vmsinglePort], "vmalert evaluates rules and writes recording results", `vmsingle-${vmsingle.labels["app.kubernetes.io/instance"]}`),
    flow("victoria-metrics", vmalert, alertmanager, [alertmanagerPort], "vmalert notifies Alertmanager", `vmalertmanager-${alertmanager.labels["app.kubernetes.io/instance"]}`),
    // The VMAlertmanagerConfig's webhook receiver URL comes from a Secret (an external endpoint).
    flow("victoria-metrics", alertmanager, { entity: "world", cluster: alertmanager.cluster }, [443], "Alertmanager sends notifications to the webhook receiver"),
    ...(scraper
      ? [
          scrapeFlow("victoria-metrics", scraper, vmsingle, vmsinglePort, { what: "VMSingle (operator-created VMServiceScrape)" }),
          scrapeFlow("victoria-metrics", scraper, vmalert, vmalertPort, { what: "vmalert (operator-created VMServiceScrape)" }),
          scrapeFlow("victoria-metrics", scraper, alertmanager, alertmanagerPort, { what: "Alertmanager (operator-created VMServiceScrape)" }),
        ]
      : []),
  ];
}

/** The victoria-metrics-operator Deployment (labels from `helm template` of chart 0.63.1): HTTP (metrics) 8080, webhook 9443. */
export function vmOperatorPods(cluster: string, namespace: string): Workload {
  return { cluster, namespace, name: "victoria-metrics-operator", labels: { "app.kubernetes.io/name": "victoria-metrics-operator", "app.kubernetes.io/instance": "victoria-metrics-operator" } };
}

/** The operator is called by the API server (webhook, admitted by the default deny) and scraped on 8080 (VMServiceScrape victoria-metrics-operator, port http). */
export function vmOperatorFlows(c: FlowContext): Flow[] {
  return [scrapeFlow("victoria-metrics-operator", c.scraper, vmOperatorPods(c.cluster, c.namespace), 8080, { what: "victoria-metrics-operator (VMServiceScrape victoria-metrics-operator)" })];
}

/** kube-state-metrics (labels from `helm template` of chart 7.5.2; metrics on `http` 8080). */
export function kubeStateMetricsPods(cluster: string, namespace: string): Workload {
  return { cluster, namespace, name: "kube-state-metrics", labels: { "app.kubernetes.io/name": "kube-state-metrics", "app.kubernetes.io/instance": "kube-state-metrics" } };
}

/** node-exporter (labels from `helm template` of prometheus-node-exporter 4.55.0): host network, 9100. */
export function nodeExporterPods(cluster: string, namespace: string): Workload {
  return { cluster, namespace, name: "node-exporter", labels: { "app.kubernetes.io/name": "prometheus-node-exporter", "app.kubernetes.io/instance": "node-exporter" }, hostNetwork: true };
}

/**
 * What the vmagent component scrapes of its own: kube-state-metrics (8080), node-exporter (9100
 * on the nodes) and the kubelets and cAdvisor (10250 on every node, TLS: VMNodeScrape kubelet and
 * cadvisor). The API server's metrics (VMServiceScrape apiserver) go to `kube-apiserver`, which
 * the default deny admits.
 */
export function vmagentScrapeFlows(c: FlowContext): Flow[] {
  return [
    scrapeFlow("vmagent", c.scraper, kubeStateMetricsPods(c.cluster, c.namespace), 8080, { what: "kube-state-metrics (ServiceMonitor kube-state-metrics)" }),
    scrapeFlow("vmagent", c.scraper, nodeExporterPods(c.cluster, c.namespace), 9100, { what: "node-exporter on every node (ServiceMonitor node-exporter)" }),
    ...(["host", "remote-node"] as const).map((entity) =>
      flow("vmagent", c.scraper, { entity, cluster: c.cluster }, [10250], `VMAgent scrapes the kubelet and cAdvisor (10250, TLS, so L4 only) on ${entity === "host" ? "its own node" : "the other nodes"} (VMNodeScrape kubelet, cadvisor)`),
    ),
  ];
}
