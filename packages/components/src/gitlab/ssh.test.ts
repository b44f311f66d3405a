import { UserError } from "@k8s-gitops/core";
import { describe, expect, it } from "vitest";
import { poolLabel, requestedIPsAnnotation } from "../cilium/index.js";
import { sshService } from "./ssh.js";
import { apps, build, releaseValues, renderApps } from "./test-support.js";

// apps inventory: pool "fixed" 10.25.13.0/27 holds the well-known addresses and is reserved; "default" 10.25.13.128/25 is not.
describe("gitlab ssh", () => {
  it("GIVEN no address THEN gitlab-shell is a LoadBalancer Service without annotations or labels", () => {
    const shell = releaseValues(renderApps()).gitlab["gitlab-shell"];
    expect(shell.service).toEqual({ type: "LoadBalancer" });
    expect(shell.serviceLabels).toBeUndefined();
  });

  it("GIVEN an address in the reserved pool THEN the Service requests it and carries the pool's label", () => {
    const shell = releaseValues(renderApps(build({ ssh: { address: "10.25.13.12" } }))).gitlab["gitlab-shell"];
    expect(shell.service.annotations).toEqual({ [requestedIPsAnnotation]: "10.25.13.12" });
    expect(shell.serviceLabels).toEqual({ [poolLabel]: "fixed" });
  });

  it("GIVEN an address in an unreserved pool THEN the Service only requests it", () => {
    expect(sshService(apps.inventory, "10.25.13.200")).toEqual({ annotations: { [requestedIPsAnnotation]: "10.25.13.200" }, labels: {} });
  });

  it("GIVEN the address of an external Gateway THEN it is refused naming the inventory field that owns it", () => {
    const gateway = apps.inventory.network.loadBalancer.fixed.externalGateway;
    expect(() => sshService(apps.inventory, gateway)).toThrow(UserError);
    expect(() => sshService(apps.inventory, gateway)).toThrow(`ssh.address "${gateway}" is already network.loadBalancer.fixed.externalGateway`);
  });

  it.each(["10.25.12.5", "10.25.13.64"])("GIVEN %s outside every pool THEN it is refused listing the pools", (address) => {
    expect(() => sshService(apps.inventory, address)).toThrow(/lies in no network\.loadBalancer\.pools entry \(fixed 10\.25\.13\.0\/27, default 10\.25\.13\.128\/25\)/);
  });

  it("GIVEN something that is not an IPv4 address THEN it is refused", () => {
    expect(() => sshService(apps.inventory, "ssh.example.net")).toThrow('ssh.address "ssh.example.net" is not an IPv4 address');
  });
});
