import { describe, expect, test } from "vitest";
import { sharedSchemasRoot } from "./__fixtures__/shared-root.js";
import { pickTalosSchemaDir, validateTalosDocument } from "./talos.js";

describe("pickTalosSchemaDir", () => {
  const dirs = ["v1.10.9", "v1.12.2", "v1.12.11", "v1.13.9"];
  test.each([
    ["v1.13.9", "v1.13.9"],
    ["1.13.9", "v1.13.9"],
    ["v1.12", "v1.12.11"],
    ["v1.12.x", "v1.12.11"],
    ["v1.11", undefined],
    ["v1.13.8", undefined],
    ["latest", undefined],
  ])("GIVEN %s WHEN picked THEN %s", (version, expected) => {
    expect(pickTalosSchemaDir(dirs, version)).toBe(expected);
  });
});

describe(`validateTalosDocument (needs the upstream schemas)`, () => {
  const root = sharedSchemasRoot;
  const config = {
    version: "v1alpha1",
    machine: {
      type: "controlplane",
      install: { disk: "/dev/sda", wipe: false },
      kubelet: { nodeIP: { validSubnets: ["10.25.11.0/24"] } },
    },
    cluster: {
      clusterName: "infra",
      controlPlane: { endpoint: "https://10.25.11.10:6443" },
      network: { cni: { name: "none" } },
      proxy: { disabled: true },
    },
  };
  const hostname = { apiVersion: "v1alpha1", kind: "HostnameConfig", hostname: "infra-1", auto: "off" };

  test("GIVEN a v1alpha1 config and a HostnameConfig WHEN validated for v1.13 THEN both pass", () => {
    expect(validateTalosDocument(config, "v1.13", { root })).toEqual([]);
    expect(validateTalosDocument(hostname, "v1.13.9", { root })).toEqual([]);
  });

  test("GIVEN a misspelled machine field and a bad enum WHEN validated THEN both are reported at their paths", () => {
    const problems = validateTalosDocument({ ...config, machine: { ...config.machine, type: "master", instal: {} } }, "v1.13", { root });
    expect(problems).toContainEqual({ path: "/machine", message: 'must NOT have additional properties ("instal")' });
    expect(problems).toContainEqual(expect.objectContaining({ path: "/machine/type", message: expect.stringContaining('"master"') }));
  });

  test("GIVEN a HostnameConfig with an unknown field WHEN validated THEN it is rejected against its own def", () => {
    expect(validateTalosDocument({ ...hostname, hostnam: "x" }, "v1.13", { root })).toEqual([
      { path: "", message: 'must NOT have additional properties ("hostnam")' },
    ]);
  });

  test("GIVEN machine.network, removed from the v1.13 schema WHEN validated THEN v1.11 accepts and v1.13 rejects it", () => {
    const legacy = { ...config, machine: { ...config.machine, network: { hostname: "infra-1" } } };
    expect(validateTalosDocument(legacy, "v1.11", { root })).toEqual([]);
    expect(validateTalosDocument(legacy, "v1.13", { root })).toContainEqual({
      path: "/machine",
      message: 'must NOT have additional properties ("network")',
    });
  });

  test("GIVEN an unknown kind or version WHEN validated THEN a problem or a UserError names it", () => {
    expect(validateTalosDocument({ apiVersion: "v1alpha1", kind: "HostnameConfg" }, "v1.13", { root })).toEqual([
      { path: "/kind", message: 'unknown Talos v1.13.9 document kind "HostnameConfg"' },
    ]);
    expect(() => validateTalosDocument(config, "v1.9", { root })).toThrow(/no Talos config schema for version "v1.9".*v1\.10\.9/);
  });
});
