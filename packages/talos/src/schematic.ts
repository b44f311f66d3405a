import { createHash } from "node:crypto";
import { header } from "@k8s-gitops/core/emit";
import { UserError, showValue } from "@k8s-gitops/core/errors";
import type { Inventory, InventoryNode } from "@k8s-gitops/core";
import { talosFeatures, type TalosVersion } from "./version.js";

/** The Image Factory schematic fields the generator uses (a subset of `pkg/schematic.Schematic`). */
export interface Schematic {
  readonly customization: {
    readonly extraKernelArgs?: readonly string[];
    readonly systemExtensions?: { readonly officialExtensions?: readonly string[] };
  };
}

/** An official system extension and why the hardware needs it. */
export interface SystemExtension {
  readonly name: string;
  readonly reason: string;
}

interface ExtensionRule extends SystemExtension {
  readonly applies: (node: InventoryNode) => boolean;
}

const intelCpu = (node: InventoryNode): boolean => /\bintel\b/i.test(node.hardware.cpu);

// Only what the hardware needs. Not added, for lack of a consumer: iscsi-tools (no iSCSI storage:
// Rook Ceph maps RBD with the in-kernel client, OpenEBS hostpath needs no initiator),
// util-linux-tools (only Longhorn's fstrim/nsenter use it), nvme-cli (Talos reports NVMe health itself).
const extensionRules: readonly ExtensionRule[] = [
  {
    name: "siderolabs/intel-ucode",
    reason: "Intel CPU microcode, loaded early at boot for security and errata fixes",
    applies: intelCpu,
  },
  {
    name: "siderolabs/i915",
    reason: "i915 driver and GuC/HuC firmware for the integrated Intel GPU (Quick Sync transcoding in pods)",
    // Intel Core models with an F suffix (e.g. i5-9400F) ship without an integrated GPU.
    applies: (node) => intelCpu(node) && /\bcore\b/i.test(node.hardware.cpu) && !/\d+K?F\b/i.test(node.hardware.cpu),
  },
  {
    name: "siderolabs/amd-ucode",
    reason: "AMD CPU microcode, loaded early at boot for security and errata fixes",
    applies: (node) => /\bamd\b/i.test(node.hardware.cpu),
  },
];

/** The official extensions the cluster's hardware needs, sorted by name. */
export function systemExtensionsFor(nodes: readonly InventoryNode[]): SystemExtension[] {
  return extensionRules
    .filter((rule) => nodes.some(rule.applies))
    .map(({ name, reason }) => ({ name, reason }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** One schematic per cluster: all nodes boot the same image, so it covers every node's hardware. */
export function clusterSchematic(inventory: Inventory): Schematic {
  const extensions = systemExtensionsFor(inventory.nodes).map((extension) => extension.name);
  return { customization: extensions.length > 0 ? { systemExtensions: { officialExtensions: extensions } } : {} };
}

// Scalars that go-yaml v3 emits without quotes: no YAML keywords, numbers or indicator characters.
const plainScalar = /^[A-Za-z][A-Za-z0-9._/=,+-]*$/;
const yamlKeywords = new Set(["y", "n", "yes", "no", "on", "off", "true", "false", "null"]);

function scalar(value: string): string {
  if (!plainScalar.test(value) || yamlKeywords.has(value.toLowerCase())) {
    throw new UserError(
      `schematic value ${showValue(value)} needs YAML quoting, so its Image Factory ID cannot be computed here ` +
        "(expected letters, digits and . _ / = , + -, starting with a letter)",
    );
  }
  return value;
}

function list(key: string, values: readonly string[] | undefined, indent: string): string {
  if (values === undefined || values.length === 0) return "";
  return `${indent}${key}:\n${values.map((value) => `${indent}    - ${scalar(value)}\n`).join("")}`;
}

/**
 * The schematic exactly as the Image Factory marshals it (go-yaml v3: four-space indent, fields in
 * struct order, empty fields omitted, `customization` always present). The factory's schematic ID
 * is the SHA-256 of these bytes, whatever formatting was posted.
 */
export function canonicalSchematicYaml(schematic: Schematic): string {
  const { extraKernelArgs, systemExtensions } = schematic.customization;
  const body =
    list("extraKernelArgs", extraKernelArgs, "    ") +
    (systemExtensions?.officialExtensions?.length
      ? `    systemExtensions:\n${list("officialExtensions", systemExtensions.officialExtensions, "        ")}`
      : "");
  return body === "" ? "customization: {}\n" : `customization:\n${body}`;
}

/** The Image Factory schematic ID: hex SHA-256 of {@link canonicalSchematicYaml}. */
export function schematicId(schematic: Schematic): string {
  return createHash("sha256").update(canonicalSchematicYaml(schematic)).digest("hex");
}

/** The factory installer image of a schematic for a Talos version. */
export function installerImage(id: string, version: TalosVersion): string {
  const repository = talosFeatures(version).platformInstaller ? "metal-installer" : "installer";
  return `factory.talos.dev/${repository}/${id}:${version.tag}`;
}

/**
 * `talos/<cluster>/schematic.yaml`: comments (ID, installer, why each extension) followed by the
 * canonical schematic, so `grep -v '^#' schematic.yaml | sha256sum` prints the ID.
 */
export function schematicFileContent(inventory: Inventory, version: TalosVersion, source: string): string {
  const schematic = clusterSchematic(inventory);
  const id = schematicId(schematic);
  const reasons = systemExtensionsFor(inventory.nodes).map((extension) => `#   ${extension.name}: ${extension.reason}\n`);
  return (
    header(source) +
    `# Image Factory schematic of cluster ${inventory.cluster.name}. Schematic ID (SHA-256 of the lines below):\n` +
    `#   ${id}\n` +
    `# Installer image: ${installerImage(id, version)}\n` +
    (reasons.length > 0 ? `# System extensions:\n${reasons.join("")}` : "") +
    "# Register it once (idempotent, answers with the same ID):\n" +
    "#   curl -X POST --data-binary @schematic.yaml https://factory.talos.dev/schematics\n" +
    canonicalSchematicYaml(schematic)
  );
}
