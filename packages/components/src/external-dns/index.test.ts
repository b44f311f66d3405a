import { UserError } from "@k8s-gitops/core";
import { describe, expect, it } from "vitest";
import { fixtureContext as testContext } from "@k8s-gitops/core/testing";
import { externalDns } from "./index.js";

const container = (component: ReturnType<typeof externalDns>) => {
  const deployment = component.stages[0]!.resources.find((r) => (r as { kind?: string }).kind === "Deployment") as unknown as {
    spec: { replicas: number; template: { spec: { containers: { args: string[]; env: { name: string; value?: string; valueFrom?: unknown }[] }[] } } };
  };
  return { deployment, container: deployment.spec.template.spec.containers[0]! };
};

describe("externalDns", () => {
  it("GIVEN the infra inventory THEN it publishes the Gateway routes into the provider's zone under an owner id of its own cluster", () => {
    const { container: c } = container(externalDns(testContext("infra")));
    expect(c.args).toEqual(expect.arrayContaining(["--source=gateway-httproute", "--domain-filter=example.net", "--provider=cloudflare", "--registry=txt", "--txt-owner-id=k8s-gitops-infra", "--policy=sync"]));
  });

  it("GIVEN the token THEN it comes from an ExternalSecret and is never a value in the Deployment", () => {
    const component = externalDns(testContext("infra"), { tokenItem: "cf-token" });
    const { container: c } = container(component);
    expect(c.env).toEqual([{ name: "CF_API_TOKEN", valueFrom: { secretKeyRef: { name: "external-dns-provider-token", key: "api-token" } } }]);
    const secret = component.stages[0]!.resources.find((r) => (r as { kind?: string }).kind === "ExternalSecret") as unknown as { spec: { data: { remoteRef: { key: string } }[] } };
    expect(secret.spec.data[0]!.remoteRef.key).toBe("cf-token");
  });

  it("GIVEN one replica THEN it is replaced, not rolled (two instances would race on the same records)", () => {
    const { deployment } = container(externalDns(testContext("infra")));
    expect(deployment.spec.replicas).toBe(1);
    expect((deployment.spec as unknown as { strategy: unknown }).strategy).toEqual({ type: "Recreate" });
  });

  it("GIVEN a DNS provider that is not wired up THEN a UserError names the field and the value", () => {
    const context = testContext("infra");
    const other = { ...context, inventory: { ...context.inventory, external: { ...context.inventory.external, dnsProvider: { ...context.inventory.external.dnsProvider, name: "route53" as "cloudflare" } } } };
    expect(() => externalDns(other)).toThrow(UserError);
    expect(() => externalDns(other)).toThrow(/external\.dnsProvider\.name "route53" is not wired up/);
  });
});
