import { showValue, UserError } from "@k8s-gitops/core";
import { clusterDomain } from "@k8s-gitops/core/conventions";

/** The in-cluster Service that `external.onepassword.connectHost` names. */
export interface ConnectService {
  /** Service (and Deployment) name: the chart's `connect.applicationName`. */
  readonly name: string;
  /** Plain-HTTP API port: the chart's `connect.api.httpPort`. */
  readonly port: number;
}

/**
 * Reads the Connect Service name and port out of the inventory's `connectHost`, so the chart
 * serves exactly the address the ClusterSecretStore calls. Accepts `http://<name>[.<namespace>
 * [.svc[.cluster.local]]][:port]`; a namespace, when given, must be the one Connect runs in.
 */
export function connectServiceFromHost(connectHost: string, namespace: string, cluster: string): ConnectService {
  const problem = (why: string): UserError =>
    new UserError(`onepassword-connect: inventory of cluster ${showValue(cluster)}: external.onepassword.connectHost ${showValue(connectHost)} ${why}`);
  let url: URL;
  try {
    url = new URL(connectHost);
  } catch {
    throw problem("is not a URL");
  }
  // TLS on Connect needs a certificate Secret this component does not manage.
  if (url.protocol !== "http:") throw problem(`must use http:// (Connect runs without TLS inside the cluster), got ${showValue(url.protocol)}`);
  if (url.pathname !== "/" || url.search !== "" || url.username !== "") throw problem("must be a bare http://host[:port] without path, query or credentials");
  const [name = "", ns, ...rest] = url.hostname.split(".");
  const suffix = rest.join(".");
  const suffixes = ["", "svc", `svc.${clusterDomain}`];
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name) || !suffixes.includes(suffix) || (suffix !== "" && ns === undefined)) {
    throw problem(`must name the in-cluster Service as <name>.${namespace}.svc.${clusterDomain}`);
  }
  if (ns !== undefined && ns !== namespace) throw problem(`points at namespace ${showValue(ns)}, but Connect runs in ${showValue(namespace)}`);
  return { name, port: url.port === "" ? 80 : Number(url.port) };
}
