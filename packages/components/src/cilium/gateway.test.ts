import { UserError } from "@k8s-gitops/core";
import { fixtureContext } from "@k8s-gitops/core/testing";
import { describe, expect, it } from "vitest";
import { certificateIssuer, gatewayDomain, gatewayHostname, gatewayNames, gatewayRef, poolLabel } from "./index.js";
import { doc, helmValues, renderCilium } from "./test-support.js";

describe("cilium gateway stage", () => {
  it.each(["infra", "apps"] as const)("GIVEN the %s inventory THEN each Gateway sits on its fixed address in the reserved pool", (cluster) => {
    const { fixed } = fixtureContext(cluster).inventory.network.loadBalancer;
    const files = renderCilium(cluster);
    const expected = { internal: fixed.internalGateway, external: fixed.externalGateway };
    for (const name of gatewayNames) {
      const gateway = doc(files, `/gateway/gateway-${name}.yaml`);
      expect(gateway.spec.gatewayClassName).toBe("cilium");
      expect(gateway.spec.addresses).toEqual([{ type: "IPAddress", value: expected[name] }]);
      expect(gateway.spec.infrastructure.labels).toEqual({ [poolLabel]: "fixed" });
    }
  });

  it("GIVEN the chart values THEN Cilium itself creates the cilium GatewayClass, so the stage does not", () => {
    const files = renderCilium("infra");
    expect(helmValues(files).gatewayAPI.gatewayClass.create).toBe("true");
    expect(files.some((f) => f.path.includes("/gateway/gatewayclass"))).toBe(false);
  });

  it.each(["infra", "apps"] as const)("GIVEN the %s domains THEN each Gateway terminates TLS with a wildcard certificate of its own domain", (cluster) => {
    const context = fixtureContext(cluster);
    const files = renderCilium(cluster);
    for (const name of gatewayNames) {
      const domain = gatewayDomain(context, name);
      expect(domain).toBe(context.inventory.cluster.domains[name]);
      const gateway = doc(files, `/gateway/gateway-${name}.yaml`);
      const certificate = doc(files, `/gateway/certificate-${name}-gateway.yaml`);
      expect(certificate.spec.dnsNames).toEqual([`*.${domain}`]);
      expect(certificate.spec.issuerRef).toEqual({ group: "cert-manager.io", kind: "ClusterIssuer", name: certificateIssuer });
      const https = gateway.spec.listeners.find((l: { name: string }) => l.name === "https");
      expect(https).toMatchObject({ protocol: "HTTPS", port: 443, hostname: `*.${domain}`, allowedRoutes: { namespaces: { from: "All" } } });
      expect(https.tls).toEqual({ mode: "Terminate", certificateRefs: [{ kind: "Secret", name: certificate.spec.secretName }] });
      const http = gateway.spec.listeners.find((l: { name: string }) => l.name === "http");
      expect(http).toMatchObject({ protocol: "HTTP", port: 80, hostname: `*.${domain}` });
    }
  });

  it("GIVEN the redirect route THEN it attaches to every http listener and answers 301 to https", () => {
    const route = doc(renderCilium("infra"), "/gateway/httproute.yaml");
    expect(route.spec.parentRefs).toEqual(gatewayNames.map((name) => ({ name, namespace: "kube-system", sectionName: "http" })));
    expect(route.spec.rules).toEqual([{ filters: [{ type: "RequestRedirect", requestRedirect: { scheme: "https", statusCode: 301 } }] }]);
  });

  it("GIVEN gatewayRef THEN routes attach to the HTTPS listener of the Gateway the stage renders", () => {
    const context = fixtureContext("apps");
    const ref = gatewayRef(context, "external");
    expect(ref).toEqual({ name: "external", namespace: "kube-system", sectionName: "https" });
    const gateway = doc(renderCilium("apps"), "/gateway/gateway-external.yaml");
    expect(gateway.metadata.name).toBe(ref.name);
    expect(gateway.spec.listeners.map((l: { name: string }) => l.name)).toContain(ref.sectionName);
  });

  it("GIVEN a host THEN gatewayHostname places it under the Gateway's domain, and refuses what the wildcard cannot cover", () => {
    const context = fixtureContext("infra");
    expect(gatewayHostname(context, "internal", "grafana")).toBe("grafana.infra.lab.example.net");
    expect(gatewayHostname(context, "external", "www")).toBe("www.example.net");
    expect(() => gatewayHostname(context, "internal", "a.b")).toThrow(UserError);
    expect(() => gatewayHostname(context, "internal", "a.b")).toThrow('gatewayHostname("internal", "a.b"): the host must be one DNS label');
  });
});
