import { flow, scrapeFlow, type Flow, type FlowContext, type Workload } from "../network-flows/model.js";

export type HarborComponent = "core" | "jobservice" | "portal" | "registry" | "exporter" | "trivy";

/** Pods of the Harbor chart: `release`, `app: harbor`, `component` (labels from `helm template` of chart 1.19.1); core, jobservice, portal, trivy and registryctl on 8080, the registry on 5000, metrics on 8001. */
export function harborPods(cluster: string, namespace: string, component: HarborComponent, release = "harbor"): Workload {
  return { cluster, namespace, name: `harbor-${component}`, labels: { release, app: "harbor", component } };
}

export const harborHttpPort = 8080;
export const harborRegistryPort = 5000;
export const harborMetricsPort = 8001;

/**
 * Harbor's own services (chart 1.19.1 `templates/*` config maps: `CORE_URL`, `JOBSERVICE_URL`,
 * `REGISTRY_URL`, `REGISTRY_CONTROLLER_URL`, `TRIVY_ADAPTER_URL`, the registry's notification
 * endpoint) and the scrape of every `http-metrics` Service port (ServiceMonitor harbor). The
 * nginx Deployment the chart renders is reached by nobody (the Gateway routes to core and
 * portal), so no flow admits it.
 */
export function harborInternalFlows(c: FlowContext): Flow[] {
  const p = (component: HarborComponent) => harborPods(c.cluster, c.namespace, component);
  const http = (from: HarborComponent, to: HarborComponent, why: string) => flow("harbor", p(from), p(to), [harborHttpPort], why);
  return [
    flow("harbor", p("core"), p("registry"), [harborRegistryPort, harborHttpPort], "core reads the registry API and calls registryctl"),
    http("core", "jobservice", "core submits jobs (replication, scans, GC)"),
    http("core", "trivy", "core asks the Trivy adapter for scanner metadata"),
    http("jobservice", "core", "jobservice reports job status to core"),
    flow("harbor", p("jobservice"), p("registry"), [harborRegistryPort, harborHttpPort], "jobservice replicates artifacts and runs garbage collection through registryctl"),
    http("jobservice", "trivy", "jobservice runs scans through the Trivy adapter"),
    http("registry", "core", "the registry posts push/pull notifications to core"),
    http("trivy", "core", "the Trivy adapter pulls the images to scan through core"),
    http("exporter", "core", "the exporter reads core's API"),
    flow("harbor", p("trivy"), { entity: "world", cluster: c.cluster }, [443], "Trivy downloads its vulnerability database from the OCI registry"),
    flow("harbor", p("jobservice"), { entity: "world", cluster: c.cluster }, [443], "jobservice runs replication from and to remote registries and sends webhooks"),
    ...(["core", "exporter", "jobservice", "registry"] as const).map((component) => scrapeFlow("harbor", c.scraper, p(component), harborMetricsPort, { what: `harbor-${component} (ServiceMonitor harbor)` })),
  ];
}
