import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { UserError } from "@k8s-gitops/core/errors";
import { canonicalSchematicYaml, clusterSchematic, installerImage, parseTalosVersion, renderTalos, schematicId, systemExtensionsFor } from "./index.js";
import { documentsOf, editableCopy, realInventories } from "./testing/inventories.js";

describe("Image Factory schematic IDs", () => {
  // Expected IDs published upstream: siderolabs/image-factory pkg/schematic/schematic_test.go (TestID) and,
  // for an official extension, the widely used qemu-guest-agent schematic shown by factory.talos.dev.
  it.each([
    ["no customization", { customization: {} }, "376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba"],
    ["extra kernel args", { customization: { extraKernelArgs: ["noapic", "nolapic"] } }, "9cba8e32753f91a16c1837ab8abf356af021706ef284aef07380780177d9a06c"],
    ["empty lists", { customization: { extraKernelArgs: [], systemExtensions: { officialExtensions: [] } } }, "376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba"],
    [
      "one official extension",
      { customization: { systemExtensions: { officialExtensions: ["siderolabs/qemu-guest-agent"] } } },
      "ce4c980550dd2ab1b17bbf2b08801c7eb59418eafe8f279833297925d67c7515",
    ],
  ])("GIVEN the upstream schematic with %s WHEN its ID is computed THEN it equals the factory's ID", (_, schematic, expected) => {
    expect(schematicId(schematic)).toBe(expected);
  });

  it("GIVEN a value go-yaml would quote WHEN the canonical form is built THEN a UserError says the ID cannot be computed", () => {
    expect(() => canonicalSchematicYaml({ customization: { extraKernelArgs: ["on"] } })).toThrow(UserError);
    expect(() => canonicalSchematicYaml({ customization: { extraKernelArgs: ["a: b"] } })).toThrow(/needs YAML quoting/);
  });
});

describe("cluster schematic", () => {
  const [infra] = realInventories();

  it("GIVEN Intel Core i7-8700T nodes WHEN extensions are chosen THEN they are exactly intel-ucode and i915", () => {
    expect(systemExtensionsFor(infra!.nodes).map((extension) => extension.name)).toEqual(["siderolabs/i915", "siderolabs/intel-ucode"]);
  });

  it("GIVEN an F-suffix Intel CPU (no iGPU) and an AMD CPU WHEN extensions are chosen THEN i915 is left out and amd-ucode added", () => {
    const edited = editableCopy(infra!);
    edited.nodes[0]!.hardware.cpu = "Intel Core i5-9400F";
    edited.nodes[1]!.hardware.cpu = "Intel Core i5-9400F";
    edited.nodes[2]!.hardware.cpu = "AMD Ryzen 7 5700U";

    expect(systemExtensionsFor(edited.nodes).map((extension) => extension.name)).toEqual(["siderolabs/amd-ucode", "siderolabs/intel-ucode"]);
  });

  it("GIVEN the rendered schematic.yaml WHEN comment lines are dropped THEN its SHA-256 is the ID named in the file and used by the installer image", () => {
    const files = renderTalos(infra!);
    const schematicFile = files.find((file) => file.path === "talos/infra/schematic.yaml")!.content;
    const body = schematicFile.split("\n").filter((line) => !line.startsWith("#")).join("\n");
    const id = createHash("sha256").update(body).digest("hex");
    const [clusterDoc] = documentsOf(files[0]!.content) as [{ machine: { install: { image: string } } }];

    expect(schematicFile).toContain(`#   ${id}\n`);
    expect(clusterDoc.machine.install.image).toBe(`factory.talos.dev/metal-installer/${id}:v1.13.9`);
    expect(documentsOf(schematicFile)).toEqual([clusterSchematic(infra!)]);
  });

  it("GIVEN an installer override WHEN rendered THEN the cluster patch uses it instead of the factory reference", () => {
    const files = renderTalos(infra!, { installerImage: "registry.lab.example.net/talos/installer:v1.13.9" });

    expect(files[0]!.content).toContain("image: registry.lab.example.net/talos/installer:v1.13.9");
  });

  it("GIVEN Talos versions before and after v1.10 platform installers WHEN the image is named THEN the repository follows the version", () => {
    expect(installerImage("abc", parseTalosVersion("v1.13.9"))).toBe("factory.talos.dev/metal-installer/abc:v1.13.9");
    expect(installerImage("abc", { major: 1, minor: 9, patch: 5, tag: "v1.9.5" })).toBe("factory.talos.dev/installer/abc:v1.9.5");
  });
});
