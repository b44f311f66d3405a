import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { renderCluster, UserError, type ClusterContext, type GeneratedFile } from "@k8s-gitops/core";
import { fixtureContext, helmReleaseValues } from "@k8s-gitops/core/testing";
import { describe, expect, it } from "vitest";
import { describeChartComponent } from "../testing/chart-contract.js";
import { chart, coredns, type CoreDnsProps } from "./index.js";
import { ipv4InCidr } from "./ipv4.js";

const here = dirname(fileURLToPath(import.meta.url));
const render = (cluster: "infra" | "apps", props: CoreDnsProps = {}): GeneratedFile[] =>
  renderCluster({ name: cluster, components: [coredns(fixtureContext(cluster), props)] });
const releaseValues = (files: GeneratedFile[]) => helmReleaseValues(files);
const withNetwork = (ctx: ClusterContext, network: Partial<ClusterContext["inventory"]["network"]>): ClusterContext =>
  ({ ...ctx, inventory: { ...ctx.inventory, network: { ...ctx.inventory.network, ...network } } }) as ClusterContext;

describeChartComponent("coredns", {
  dir: here,
  clusters: ["infra", "apps"],
  render: (c) => render(c),
  charts: [{ chart }],
});

describe("coredns", () => {
  it("GIVEN each inventory THEN the kube-dns Service takes that cluster's clusterDNS, and only that differs", () => {
    const infra = releaseValues(render("infra"));
    const apps = releaseValues(render("apps"));
    expect(infra.service).toEqual({ name: "kube-dns", clusterIP: fixtureContext("infra").inventory.network.clusterDNS });
    expect(apps.service.clusterIP).toBe(fixtureContext("apps").inventory.network.clusterDNS);
    expect(apps.service.clusterIP).not.toBe(infra.service.clusterIP);
    expect({ ...apps, service: undefined }).toEqual({ ...infra, service: undefined });
  });

  it("GIVEN the default values THEN CoreDNS answers for the cluster domain and forwards the rest to the node's resolvers", () => {
    const plugins = releaseValues(render("infra")).servers[0].plugins as { name: string; parameters?: string }[];
    expect(plugins.find((p) => p.name === "kubernetes")?.parameters?.split(" ")[0]).toBe("cluster.local");
    expect(plugins.find((p) => p.name === "forward")?.parameters).toBe(". /etc/resolv.conf");
    for (const name of ["cache", "prometheus", "health", "ready", "loop", "reload", "loadbalance"]) {
      expect(plugins.map((p) => p.name)).toContain(name);
    }
  });

  it("GIVEN the default values THEN two replicas never share a node and a PDB keeps one up", () => {
    const values = releaseValues(render("infra"));
    expect(values.replicaCount).toBe(2);
    const [term] = values.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution;
    expect(term.topologyKey).toBe("kubernetes.io/hostname");
    expect(term.labelSelector.matchLabels).toEqual({ "k8s-app": values.k8sAppLabelOverride });
    expect(values.podDisruptionBudget).toEqual({ minAvailable: 1 });
    expect(values.prometheus).toEqual({ service: { enabled: true }, monitor: { enabled: true } });
  });

  it("GIVEN a values override THEN sibling defaults are kept", () => {
    const values = releaseValues(render("infra", { values: { prometheus: { monitor: { enabled: false } }, service: { name: "dns" } } }));
    expect(values.prometheus).toEqual({ service: { enabled: true }, monitor: { enabled: false } });
    expect(values.service).toEqual({ name: "dns", clusterIP: fixtureContext("infra").inventory.network.clusterDNS });
  });

  it("GIVEN values moving the Service off network.clusterDNS THEN the builder refuses them, because the component provides cluster DNS only there", () => {
    expect(() => coredns(fixtureContext("infra"), { values: { service: { clusterIP: "10.43.0.53" } } })).toThrow(
      'coredns (cluster "infra"): values.service.clusterIP "10.43.0.53" is not network.clusterDNS "10.43.0.10", the nameserver the kubelet hands to every pod; change the inventory\'s network.clusterDNS instead',
    );
  });

  it("GIVEN the coredns component THEN it declares that it provides cluster DNS", () => {
    expect(coredns(fixtureContext("infra")).provides).toEqual(["cluster-dns"]);
  });

  it("GIVEN a clusterDNS outside the service CIDR THEN the builder refuses it naming both values", () => {
    const ctx = withNetwork(fixtureContext("apps"), { clusterDNS: "10.43.0.10" });
    expect(() => coredns(ctx)).toThrow(UserError);
    expect(() => coredns(ctx)).toThrow('network.clusterDNS "10.43.0.10" is outside network.serviceCIDR "10.45.0.0/16"');
  });

  it.each([
    ["10.43.0.10", "10.43.0.0/16", true],
    ["10.43.255.255", "10.43.0.0/16", true],
    ["10.44.0.0", "10.43.0.0/16", false],
    ["10.42.255.255", "10.43.0.0/16", false],
    ["192.168.1.7", "192.168.1.0/30", false],
    ["192.168.1.3", "192.168.1.0/30", true],
    ["10.43.0.10", "0.0.0.0/0", true],
    ["10.43.0.300", "10.43.0.0/16", false],
    ["10.43.0.10", "10.43.0.0/33", false],
  ])("GIVEN %s and %s THEN ipv4InCidr is %s", (address, cidr, expected) => {
    expect(ipv4InCidr(address, cidr)).toBe(expected);
  });
});
