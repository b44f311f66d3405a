import type { ClusterContext } from "@k8s-gitops/core";
import { fixtureContext } from "@k8s-gitops/core/testing";
import { describe, expect, it } from "vitest";
import { sharedPushStore } from "../external-secrets/index.js";
import { ciliumValues, clustermeshCa, clustermeshCaBootstrapSecret, clustermeshCaVault, clustermeshPort } from "./index.js";
import { ciliumFiles, doc, helmValues, renderCilium } from "./test-support.js";

/** JSON-pointer-like paths of every leaf that differs between two plain values. */
function differingPaths(a: unknown, b: unknown, path = ""): string[] {
  const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object";
  if (isObject(a) && isObject(b) && Array.isArray(a) === Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((key) => differingPaths(a[key], b[key], `${path}/${key}`));
  }
  return Object.is(a, b) ? [] : [path];
}

const infra = fixtureContext("infra");
const apps = fixtureContext("apps");
const valuesOf = (context: ClusterContext) => helmValues(renderCilium(context));

describe("cilium values across the two clusters", () => {
  it("GIVEN infra and apps THEN their values differ exactly in the ClusterMesh identity, the peer endpoint and the fixed address", () => {
    expect(differingPaths(valuesOf(infra), valuesOf(apps))).toEqual([
      "/cluster/id",
      "/cluster/name",
      "/clustermesh/apiserver/service/annotations/lbipam.cilium.io/ips",
      "/clustermesh/config/clusters/0/ips/0",
      "/clustermesh/config/clusters/0/name",
    ]);
  });

  it("GIVEN the two inventories THEN the ClusterMesh ids and pod networks differ", () => {
    const [a, b] = [valuesOf(infra), valuesOf(apps)];
    expect(a.cluster.id).not.toBe(b.cluster.id);
    expect([a.cluster.id, b.cluster.id]).toEqual([infra.inventory.cluster.id, apps.inventory.cluster.id]);
    expect(infra.inventory.network.podCIDR).not.toBe(apps.inventory.network.podCIDR);
  });

  it.each([
    [infra, apps],
    [apps, infra],
  ])("GIVEN a cluster THEN its mesh config points at the OTHER cluster's fixed clustermesh address", (self, other) => {
    const values = valuesOf(self);
    expect(values.clustermesh.config.clusters).toEqual([
      { name: other.inventory.cluster.name, port: clustermeshPort, ips: [other.inventory.network.loadBalancer.fixed.clustermeshApiServer] },
    ]);
    expect(values.clustermesh.apiserver.service).toMatchObject({
      type: "LoadBalancer",
      annotations: { "lbipam.cilium.io/ips": self.inventory.network.loadBalancer.fixed.clustermeshApiServer },
    });
    expect(values.clustermesh).toMatchObject({ useAPIServer: true, config: { enabled: true } });
  });

  it("GIVEN native routing with ClusterMesh THEN the native routing CIDR covers every cluster's pods but not the node LAN", () => {
    const inside = (cidr: string, ip: string) => {
      const toBits = (a: string) => a.split(".").map((o) => Number(o).toString(2).padStart(8, "0")).join("");
      const [network = "", length = "0"] = cidr.split("/");
      return toBits(network).slice(0, Number(length)) === toBits(ip).slice(0, Number(length));
    };
    for (const context of [infra, apps]) {
      const { ipv4NativeRoutingCIDR, routingMode, autoDirectNodeRoutes } = valuesOf(context);
      expect({ routingMode, autoDirectNodeRoutes }).toEqual({ routingMode: "native", autoDirectNodeRoutes: true });
      for (const inv of context.inventories) expect(inside(ipv4NativeRoutingCIDR, inv.network.podCIDR.split("/")[0]!)).toBe(true);
      expect(inside(ipv4NativeRoutingCIDR, context.inventory.network.gateway)).toBe(false);
      expect(inside(ipv4NativeRoutingCIDR, context.inventory.external.nfs!.address)).toBe(false);
    }
  });

  it("GIVEN the node LAN at MTU 9000 (the bonds), then at 1500 on every node THEN Cilium's MTU is the LAN's, never auto-detected", () => {
    const standard: ClusterContext = {
      ...infra,
      inventory: {
        ...infra.inventory,
        nodes: infra.inventory.nodes.map((node) => ({
          ...node,
          network: { ...node.network, interfaces: node.network.interfaces.map((iface) => ({ ...iface, mtu: 1500 })) },
        })),
      },
    };

    expect([valuesOf(infra).MTU, valuesOf(standard).MTU]).toEqual([9000, 1500]);
  });

  it("GIVEN a third cluster in the estate THEN each cluster lists both others", () => {
    const third = { ...apps.inventory, cluster: { ...apps.inventory.cluster, name: "edge", id: 3 } } as typeof apps.inventory;
    const context = { inventory: infra.inventory, inventories: [...infra.inventories, third] };
    // The chart types `clustermesh.config.clusters` loosely (a list or a map); this project writes a list.
    const clusters = ciliumValues(context).clustermesh?.config?.clusters as { name: string }[];
    expect(clusters.map((c) => c.name)).toEqual(["apps", "edge"]);
  });

  it("GIVEN the rendered files THEN no certificate or key material appears anywhere, and TLS comes from the shared CA", () => {
    const files = [...ciliumFiles(renderCilium("infra")), ...ciliumFiles(renderCilium("apps"))];
    const pem = /-----BEGIN|LS0tLS1CRUdJTi|MII[A-Za-z0-9+/]{20}/;
    expect(files.filter((f) => pem.test(f.content)).map((f) => f.path)).toEqual([]);
    const values = valuesOf(infra);
    expect(JSON.stringify(values)).not.toMatch(/"(cert|key|caCert)":/);
    expect(values.clustermesh.apiserver.tls.auto).toMatchObject({ enabled: true, method: "cronJob" });
    expect(values.certgen.generateCA).toBe(false);
  });

  it("GIVEN the app stage THEN the shared CA comes from 1Password as Secret cilium-ca with the keys certgen reads", () => {
    const secret = doc(renderCilium("apps"), "/cilium/app/externalsecret.yaml");
    expect(secret.spec.target.name).toBe(clustermeshCa.name);
    expect(secret.spec.data).toEqual(
      ["ca.crt", "ca.key"].map((key) => ({ secretKey: key, remoteRef: { key: "cilium-ca", property: key } })),
    );
  });

  it("GIVEN an inventory with a shared vault THEN every cluster reads the CA from it, at bootstrap and through External Secrets: one source", () => {
    for (const name of ["infra", "apps"] as const) {
      const context = fixtureContext(name);
      const shared = context.inventory.external.onepassword.sharedVault;
      expect(shared, "the fixture inventories have a shared vault").toBeDefined();
      expect(clustermeshCaVault(context)).toBe(shared);
      expect(Object.values(clustermeshCaBootstrapSecret(context).data ?? {}).every((ref) => ref.startsWith(`op://${shared}/cilium-ca/`))).toBe(true);
      expect(doc(renderCilium(context), "/cilium/app/externalsecret.yaml").spec.secretStoreRef.name).toBe(sharedPushStore);
    }
  });

  it("GIVEN an inventory without a shared vault THEN the CA is read from the cluster's own vault and store", () => {
    const context = fixtureContext("infra");
    const own = { ...context, inventory: { ...context.inventory, external: { ...context.inventory.external, onepassword: { ...context.inventory.external.onepassword, sharedVault: undefined } } } };
    expect(clustermeshCaVault(own)).toBe(context.inventory.external.onepassword.vault);
    expect(doc(renderCilium(own), "/cilium/app/externalsecret.yaml").spec.secretStoreRef.name).toBe("onepassword");
  });
});
