import { describe, expect, it } from "vitest";
import { UserError } from "@k8s-gitops/core/errors";
import { parseTalosVersion, supportsMultiDocNetwork, talosFeatures } from "./index.js";

describe("Talos version feature table", () => {
  it.each([
    ["v1.11.6", false],
    ["v1.12.0", true],
    ["v1.13.9", true],
    ["v1.14.0-rc.1", true],
    ["v2.0.0", true],
  ])("GIVEN Talos %s WHEN asked for multi-doc network THEN the answer is %s", (version, expected) => {
    expect(supportsMultiDocNetwork(version)).toBe(expected);
  });

  it("GIVEN Talos v1.10 WHEN its features are read THEN it has platform installers but no whole-disk user volumes", () => {
    expect(talosFeatures(parseTalosVersion("v1.10.9"))).toEqual({
      multiDocNetwork: false,
      registryMirrorDocument: false,
      wholeDiskUserVolume: false,
      platformInstaller: true,
    });
  });

  it("GIVEN a version older than v1.10 or not a version WHEN parsed THEN a UserError names the field and the value", () => {
    expect(() => parseTalosVersion("v1.9.5")).toThrow(UserError);
    expect(() => parseTalosVersion("v1.9.5")).toThrow('cluster.talosVersion: Talos "v1.9.5" is not supported (expected v1.10.0 or newer)');
    expect(() => parseTalosVersion("1.13")).toThrow('cluster.talosVersion: "1.13" is not a Talos version');
  });
});
