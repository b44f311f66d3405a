import { describe, expect, it } from "vitest";
import { defineComponent, type Capability, type Component } from "../component/index.js";
import { fixtureContext } from "../testing/index.js";
import { oneClusterDnsProvider } from "./dns.js";

const { inventory } = fixtureContext("infra");

const component = (name: string, provides: readonly Capability[] = []): Component =>
  defineComponent({ name, namespace: "kube-system", area: "infrastructure", category: "network", provides, stages: [{ name: "app", resources: [] }] });

const check = (components: readonly Component[], keepTalosCoreDns?: boolean) =>
  oneClusterDnsProvider({ name: "infra", inventory, components, ...(keepTalosCoreDns === undefined ? {} : { keepTalosCoreDns }) });

describe("oneClusterDnsProvider", () => {
  it("GIVEN one component providing cluster-dns and Talos' CoreDNS off (the default) THEN there is no problem", () => {
    expect(check([component("coredns", ["cluster-dns"]), component("cilium")])).toEqual([]);
  });

  it("GIVEN no component providing cluster-dns but keepTalosCoreDns THEN there is no problem", () => {
    expect(check([component("cilium")], true)).toEqual([]);
  });

  it("GIVEN no component providing cluster-dns while Talos' CoreDNS is off WHEN checked THEN the problem names the cluster, the address and both fixes", () => {
    expect(check([component("cilium")])).toEqual([
      `cluster "infra": no component provides cluster DNS and Talos' own CoreDNS is disabled, so nothing answers at network.clusterDNS "10.43.0.10", the nameserver of every pod. Add the coredns component (coredns(context) from @k8s-gitops/components/coredns) or keep Talos' CoreDNS (return { components, keepTalosCoreDns: true } from the defineCluster builder)`,
    ]);
  });

  it("GIVEN two components providing cluster-dns WHEN checked THEN the problem names both", () => {
    expect(check([component("coredns", ["cluster-dns"]), component("dns-two", ["cluster-dns"])])).toEqual([
      `cluster "infra": components "coredns", "dns-two" all provide cluster DNS at "10.43.0.10"; keep one`,
    ]);
  });

  it("GIVEN keepTalosCoreDns and a component providing cluster-dns WHEN checked THEN the problem names the component and the clashing Service", () => {
    expect(check([component("coredns", ["cluster-dns"])], true)).toEqual([
      `cluster "infra": keeps Talos' CoreDNS and component "coredns" also provides cluster DNS at "10.43.0.10": both create the Service kube-system/kube-dns. Remove the component or drop keepTalosCoreDns`,
    ]);
  });
});
