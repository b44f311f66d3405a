import { ref, renderCluster, type ClusterContext, type GeneratedFile } from "@k8s-gitops/core";
import { fixtureContext } from "@k8s-gitops/core/testing";
import { parse, parseAllDocuments } from "yaml";
import { certManager } from "../cert-manager/index.js";
import { gatewayApiCrds } from "../gateway-api/index.js";
import { cilium, type CiliumProps } from "./index.js";

export type ClusterName = "infra" | "apps";

/** Cilium with the components its gateway stage refers to, as a cluster would compose them. */
export function ciliumCluster(context: ClusterContext, props: CiliumProps = {}) {
  const crds = gatewayApiCrds(context);
  const issuers = certManager(context);
  return [crds, issuers, cilium(context, { gatewayApiCrds: ref(crds), certManagerIssuers: ref(issuers, "issuers"), ...props })];
}

export function renderCilium(cluster: ClusterName | ClusterContext, props: CiliumProps = {}): GeneratedFile[] {
  const context = typeof cluster === "string" ? fixtureContext(cluster) : cluster;
  return renderCluster({ name: context.inventory.cluster.name, components: ciliumCluster(context, props) });
}

/** Only the files of the cilium app folder. */
export const ciliumFiles = (files: GeneratedFile[]) => files.filter((f) => f.path.includes("/network/cilium/"));

export function file(files: GeneratedFile[], suffix: string): GeneratedFile {
  const found = files.find((f) => f.path.endsWith(suffix));
  if (!found) throw new Error(`no rendered file ends with ${suffix}`);
  return found;
}

export const doc = (files: GeneratedFile[], suffix: string) => parse(file(files, suffix).content);
export const docs = (files: GeneratedFile[], suffix: string) => parseAllDocuments(file(files, suffix).content).map((d) => d.toJS());
export const helmValues = (files: GeneratedFile[]) => doc(files, "/cilium/app/helmrelease.yaml").spec.values as Record<string, any>;
