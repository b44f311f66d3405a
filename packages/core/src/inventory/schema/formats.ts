import { z } from "zod";
import {
  broadcastAddress,
  canonicalCidr,
  hostPart,
  isIPv4,
  isIPv4WithPrefix,
  networkAddress,
  prefixLength,
} from "../ip.js";

// Reusable string and number formats. Each failure message is a phrase that follows the offending
// value ("\"999.1.1.1\" is not a valid IPv4 address ..."), so it must say what was expected.

/** A string checked by `problemOf` (undefined = valid), with JSON Schema hints for editors. */
function checkedString(problemOf: (value: string) => string | undefined, hints: Record<string, unknown>) {
  return z
    .string()
    .check((ctx) => {
      const problem = problemOf(ctx.value);
      if (problem !== undefined) ctx.issues.push({ code: "custom", message: problem, input: ctx.value });
    })
    .meta(hints);
}

function patterned(pattern: RegExp, problem: string) {
  return checkedString((value) => (pattern.test(value) ? undefined : problem), { pattern: pattern.source });
}

const dottedQuad = String.raw`^\d{1,3}(\.\d{1,3}){3}`;

/** An IPv4 address without prefix, e.g. `10.25.11.10`. */
export const ipv4Address = checkedString(
  (value) =>
    isIPv4(value) ? undefined : "is not a valid IPv4 address (expected four decimal octets 0-255, e.g. 10.25.11.10)",
  { format: "ipv4" },
);

/** A canonical IPv4 network, e.g. `10.25.11.0/24` (no host bits set). */
export const ipv4Cidr = checkedString(
  (value) => {
    if (!isIPv4WithPrefix(value)) return "is not a valid IPv4 CIDR (expected network/prefix, e.g. 10.25.11.0/24)";
    const canonical = canonicalCidr(value);
    return canonical === value ? undefined : `is not a canonical CIDR: host bits are set (expected ${canonical})`;
  },
  { pattern: `${dottedQuad}/\\d{1,2}$` },
);

/** A host address with the prefix of its network, e.g. `10.25.11.11/24`. */
export const ipv4InterfaceAddress = checkedString(
  (value) => {
    if (!isIPv4WithPrefix(value)) {
      return "is not a valid IPv4 address with prefix (expected e.g. 10.25.11.11/24)";
    }
    if (prefixLength(value) > 30) return undefined;
    const host = hostPart(value);
    const network = canonicalCidr(value);
    if (host === networkAddress(value)) return `is the network address of ${network} (expected a host address)`;
    if (host === broadcastAddress(value)) return `is the broadcast address of ${network} (expected a host address)`;
    return undefined;
  },
  { pattern: `${dottedQuad}/\\d{1,2}$` },
);

const dnsLabelPattern = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** An RFC 1123 DNS label: lowercase letters, digits and `-`, at most 63 characters. */
export const dnsLabel = patterned(
  dnsLabelPattern,
  'is not a valid DNS label (expected lowercase letters, digits and "-", at most 63 characters, starting and ending with a letter or digit)',
);

const dnsNameProblem = "is not a valid DNS name (expected lowercase DNS labels separated by dots, e.g. lab.example.net)";

function isDnsName(value: string): boolean {
  return value.length <= 253 && value.split(".").every((label) => dnsLabelPattern.test(label));
}

/** A fully qualified DNS name without trailing dot, e.g. `infra.lab.example.net`. */
export const dnsName = checkedString((value) => (isDnsName(value) ? undefined : dnsNameProblem), {
  format: "hostname",
});

/** A DNS name or an IPv4 address (NTP servers). */
export const hostOrAddress = checkedString(
  (value) =>
    isIPv4(value) || isDnsName(value)
      ? undefined
      : "is neither a DNS name nor an IPv4 address (expected e.g. time.cloudflare.com or 10.25.11.1)",
  {},
);

/** A MAC address as Talos prints it: six lowercase hex pairs separated by colons. */
export const macAddress = patterned(
  /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/,
  "is not a MAC address (expected six lowercase hex pairs separated by colons, e.g. 6c:4b:90:1a:2b:3c)",
);

/** A PCI bus path, e.g. `0000:00:1f.6`. */
export const pciBusPath = patterned(
  /^[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$/,
  "is not a PCI bus path (expected domain:bus:device.function, e.g. 0000:00:1f.6)",
);

/** A Linux kernel driver name, e.g. `e1000e`. */
export const driverName = patterned(
  /^[a-z0-9_-]+$/,
  "is not a kernel driver name (expected lowercase letters, digits, \"_\" and \"-\", e.g. e1000e)",
);

/** A Linux interface name (at most 15 characters). */
export const linkName = patterned(
  /^[a-z][a-z0-9-]{0,14}$/,
  'is not a valid link name (expected a lowercase letter followed by up to 14 lowercase letters, digits or "-")',
);

/** A semantic version with a leading `v`, e.g. `v1.13.9`. */
export const version = patterned(
  /^v\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/,
  'is not a version (expected a semantic version with a leading "v", e.g. v1.13.9)',
);

/** A Kubernetes label value (topology zone, rack). */
export const labelValue = patterned(
  /^[A-Za-z0-9]([A-Za-z0-9_.-]{0,61}[A-Za-z0-9])?$/,
  'is not a valid Kubernetes label value (expected at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit)',
);

/** The name of a link in /dev/disk/by-id (not the path), stable across reboots. */
export const diskById = checkedString(
  (value) => {
    if (value.startsWith("/")) {
      return "is a path (expected only the name of the link in /dev/disk/by-id, e.g. nvme-Samsung_SSD_970_EVO_Plus_1TB_S4EWNX0R123456A)";
    }
    return /^[A-Za-z0-9][A-Za-z0-9_.:+-]*$/.test(value)
      ? undefined
      : 'is not a /dev/disk/by-id name (expected letters, digits, "_", ".", ":", "+" and "-", e.g. nvme-Samsung_SSD_970_EVO_Plus_1TB_S4EWNX0R123456A)';
  },
  { pattern: "^[A-Za-z0-9][A-Za-z0-9_.:+-]*$" },
);

/** A Git URL Flux can clone over SSH or HTTPS. */
export const gitUrl = patterned(
  /^(ssh|https):\/\/[^\s/]+\/\S+$/,
  "is not a Git URL (expected ssh://git@github.com/<org>/<repo>.git or https://github.com/<org>/<repo>.git)",
);

/** An http(s) URL. */
export const httpUrl = checkedString(
  (value) => {
    const ok = /^https?:\/\//.test(value) && URL.canParse(value);
    return ok ? undefined : "is not an http(s) URL (expected e.g. http://onepassword-connect.external-secrets.svc.cluster.local:8080)";
  },
  { format: "uri" },
);

/** An absolute path on a server, e.g. `/volume1/kubernetes`. */
export const absolutePath = patterned(/^\/\S*$/, "is not an absolute path (expected e.g. /volume1/kubernetes)");

/** A non-empty, single-line piece of text (names, models, vault names). */
export const text = patterned(/^\S(.*\S)?$/, "is empty or has surrounding whitespace (expected a non-empty text)");

/** An email address. */
export const email = z.email({
  // Only the format message is ours; a missing value keeps the generic "required field" message.
  error: (issue) =>
    issue.code === "invalid_format" ? "is not a valid email address (expected e.g. admin@example.net)" : undefined,
});

const asnProblem = "is not a valid ASN (expected an integer 1..4294967295 other than 23456, which is reserved as AS_TRANS)";

/** A BGP autonomous system number: 1..4294967295, not 23456 (AS_TRANS). */
export const asn = z
  .int({ error: (issue) => (issue.input === undefined ? undefined : asnProblem) })
  .min(1, { error: asnProblem })
  .max(4294967295, { error: asnProblem })
  .refine((value) => value !== 23456, { error: asnProblem });

/** A positive integer (sizes, memory). */
export const positiveInt = z.int().min(1);

/** A whole number of days, as retention settings take it. */
export const days = patterned(/^[1-9][0-9]*d$/, 'is not a number of days (expected e.g. "90d")');

/**
 * A Kubernetes CronJob schedule: five cron fields (minute first) or a descriptor such as @daily
 * (kubernetes pkg/controller/cronjob uses robfig/cron's standard parser, no seconds field).
 */
export const cronSchedule = patterned(
  /^(@(yearly|annually|monthly|weekly|daily|midnight|hourly)|\S+( \S+){4})$/,
  'is not a five-field cron schedule or descriptor (expected e.g. "30 4 * * *" or "@daily")',
);
