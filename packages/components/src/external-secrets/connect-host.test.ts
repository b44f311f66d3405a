import { UserError } from "@k8s-gitops/core";
import { describe, expect, it } from "vitest";
import { connectServiceFromHost } from "./connect-host.js";

describe("connectServiceFromHost", () => {
  it.each([
    ["http://onepassword-connect.external-secrets.svc.cluster.local:8080", { name: "onepassword-connect", port: 8080 }],
    ["http://onepassword-connect.external-secrets.svc:8080", { name: "onepassword-connect", port: 8080 }],
    ["http://connect.external-secrets", { name: "connect", port: 80 }],
    ["http://connect:9000/", { name: "connect", port: 9000 }],
  ])("GIVEN %s THEN the Service is %j", (host, expected) => {
    expect(connectServiceFromHost(host, "external-secrets", "infra")).toEqual(expected);
  });

  it.each([
    ["https://onepassword-connect.external-secrets.svc:8443", "must use http://"],
    ["http://onepassword-connect.other.svc:8080", 'points at namespace "other"'],
    ["http://op.example.net:8080", "must name the in-cluster Service"],
    ["http://onepassword-connect.external-secrets.svc:8080/v1", "must be a bare http://host[:port] without path"],
    ["onepassword-connect:8080", "must use http://"],
    ["not a url", "is not a URL"],
  ])("GIVEN %s THEN a UserError explains why", (host, why) => {
    expect(() => connectServiceFromHost(host, "external-secrets", "infra")).toThrow(UserError);
    expect(() => connectServiceFromHost(host, "external-secrets", "infra")).toThrow(
      `inventory of cluster "infra": external.onepassword.connectHost ${JSON.stringify(host)} ${why}`,
    );
  });
});
