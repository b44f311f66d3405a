import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createInterface } from "node:readline/promises";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { showValue, UserError } from "@k8s-gitops/core/errors";
import { parseInventories } from "@k8s-gitops/core/inventory";
import { stringify } from "yaml";

export const initUsage = `Usage: k8s-gitops init --cluster NAME --nodes IP,IP,IP --subnet CIDR --domain DOMAIN --git-url URL --age-recipient AGE [options]

Scaffolds a new estate repository in the working directory (or --dir DIR): one inventory per
cluster, k8s-gitops.config.ts, a README with the operator's steps, a CI workflow, renovate.json,
.sops.yaml for YOUR age key, .gitignore and (when missing) package.json. Refuses to overwrite a file.
Right after it, \`k8s-gitops generate\` and \`k8s-gitops verify\` pass.

Required (prompted for when missing and stdin is a terminal):
  --cluster NAME        a cluster name (repeat for several clusters, in ClusterMesh id order)
  --nodes IP,IP,...     the control-plane node addresses of a cluster (repeat once per --cluster)
  --subnet CIDR         the node LAN, e.g. 192.168.50.0/24
  --domain DOMAIN       the public DNS domain (a zone at Cloudflare); clusters get <cluster>.<domain>
  --git-url URL         the Git repository Flux syncs, e.g. ssh://git@github.com/acme/lab-gitops.git
  --age-recipient AGE   your age public key (age-keygen -o age.key; age-keygen -y age.key)
Optional:
  --gateway IP          router of the node LAN and BGP peer (default: the subnet's first address)
  --vip IP              control-plane VIP of the first cluster (default: the first free address from .10)
  --lb-subnet CIDR      LoadBalancer /24 advertised over BGP (default: the /24 after the node subnet)
  --asn N               the clusters' BGP ASN (default 64513; the next clusters count up)
  --peer-asn N          the router's BGP ASN (default 64512)
  --branch NAME         the branch Flux syncs (default main)
  --git-path PATH       where the output sits in the repository (default generated)
  --email ADDRESS       the Let's Encrypt account (default hostmaster@DOMAIN)
  --dir DIR             where to write (default: the working directory)
`;

/** The Talos and Kubernetes versions a new estate starts on (those this release is tested with). */
export const initVersions = { talos: "v1.13.9", kubernetes: "v1.35.4" } as const;

export interface InitAnswers {
  readonly clusters: readonly { readonly name: string; readonly nodes: readonly string[] }[];
  readonly subnet: string;
  readonly gateway: string;
  readonly vip?: string;
  readonly lbSubnet?: string;
  readonly asn: number;
  readonly peerAsn: number;
  readonly domain: string;
  readonly gitUrl: string;
  readonly branch: string;
  readonly gitPath: string;
  readonly ageRecipient: string;
  readonly email: string;
}

const ipv4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const toInt = (ip: string): number => ip.split(".").reduce((n, octet) => n * 256 + Number(octet), 0);
const toIp = (n: number): string => [24, 16, 8, 0].map((shift) => (n >>> shift) & 255).join(".");

function parseCidr(flag: string, cidr: string): { base: number; prefix: number } {
  const [ip, prefixText] = cidr.split("/");
  const prefix = Number(prefixText);
  if (ip === undefined || !ipv4.test(ip) || !Number.isInteger(prefix) || prefix < 8 || prefix > 30) {
    throw new UserError(`${flag} ${showValue(cidr)}: expected an IPv4 network such as 192.168.50.0/24`);
  }
  const size = 2 ** (32 - prefix);
  const base = toInt(ip);
  if (base % size !== 0) throw new UserError(`${flag} ${showValue(cidr)}: ${ip} is not the first address of a /${prefix} (did you mean ${toIp(base - (base % size))}/${prefix}?)`);
  return { base, prefix };
}

const inSubnet = (ip: string, subnet: { base: number; prefix: number }): boolean => toInt(ip) - subnet.base >= 0 && toInt(ip) - subnet.base < 2 ** (32 - subnet.prefix);

/** The contents of every file `init` writes, by path relative to the target folder. Pure. */
export function scaffold(answers: InitAnswers, cliVersion: string): Map<string, string> {
  const subnet = parseCidr("--subnet", answers.subnet);
  const lb = parseCidr("--lb-subnet", answers.lbSubnet ?? `${toIp(subnet.base + Math.max(256, 2 ** (32 - subnet.prefix)))}/24`);
  if (lb.prefix !== 24) throw new UserError(`--lb-subnet ${showValue(answers.lbSubnet)}: init lays out the pools of a /24; pass a /24 and resize the pools in the inventory afterwards`);
  const taken = new Set([answers.gateway, ...answers.clusters.flatMap((c) => c.nodes)]);
  const files = new Map<string, string>();
  const inventoryPaths: string[] = [];
  let nextFree = subnet.base + 10;
  answers.clusters.forEach((cluster, index) => {
    let vip = index === 0 ? answers.vip : undefined;
    if (vip === undefined) {
      while (taken.has(toIp(nextFree))) nextFree++;
      vip = toIp(nextFree);
    }
    taken.add(vip);
    const lbBase = lb.base + index * 256;
    const fixed = (n: number): string => toIp(lbBase + n);
    const prefix = subnet.prefix;
    const inventory = {
      cluster: {
        name: cluster.name,
        id: index + 1,
        talosVersion: initVersions.talos,
        kubernetesVersion: initVersions.kubernetes,
        endpoint: { host: `api.${cluster.name}.${answers.domain}`, vip, port: 6443 },
        domains: { internal: `${cluster.name}.internal.${answers.domain}`, external: answers.domain },
        git: { url: answers.gitUrl, branch: answers.branch },
      },
      nodes: cluster.nodes.map((address, n) => ({
        hostname: `${cluster.name}-${String(n + 1).padStart(2, "0")}`,
        role: "controlplane",
        schedulable: true,
        hardware: { vendor: "unknown", model: "unknown", cpu: "unknown", memoryGiB: 32 },
        topology: { zone: cluster.name, rack: "rack-1" },
        network: {
          interfaces: [{ name: "lan", select: { busPath: "0000:00:1f.6" }, addresses: [`${address}/${prefix}`], mtu: 1500 }],
          defaultGateway: answers.gateway,
        },
        disks: {
          install: { selector: { model: "*" }, sizeGB: 500, type: "ssd" },
          ceph: { id: `nvme-CEPH_DISK_OF_${cluster.name.toUpperCase().replaceAll("-", "_")}_${String(n + 1).padStart(2, "0")}`, sizeGB: 1000 },
          local: { id: `nvme-LOCAL_DISK_OF_${cluster.name.toUpperCase().replaceAll("-", "_")}_${String(n + 1).padStart(2, "0")}`, sizeGB: 500, mountName: "local-hostpath" },
        },
      })),
      network: {
        nodeSubnet: answers.subnet,
        gateway: answers.gateway,
        dns: [answers.gateway, "1.1.1.1"],
        ntp: ["time.cloudflare.com", "pool.ntp.org"],
        podCIDR: `10.${42 + 2 * index}.0.0/16`,
        serviceCIDR: `10.${43 + 2 * index}.0.0/16`,
        clusterDNS: `10.${43 + 2 * index}.0.10`,
        bgp: { localASN: answers.asn + index, peers: [{ name: "router", address: answers.gateway, asn: answers.peerAsn }] },
        loadBalancer: {
          subnet: `${toIp(lbBase)}/24`,
          pools: [
            { name: "fixed", cidr: `${toIp(lbBase)}/27` },
            { name: "default", cidr: `${toIp(lbBase + 128)}/25` },
          ],
          fixed: { internalGateway: fixed(10), externalGateway: fixed(11), clustermeshApiServer: fixed(20) },
        },
      },
      external: {
        onepassword: { connectHost: "http://onepassword-connect.external-secrets.svc.cluster.local:8080", vault: `kubernetes-${cluster.name}` },
        letsencrypt: { email: answers.email },
        dnsProvider: { name: "cloudflare", zone: answers.domain },
      },
    };
    const path = `clusters/${cluster.name}/inventory.yaml`;
    inventoryPaths.push(path);
    files.set(
      path,
      `# yaml-language-server: $schema=../../${answers.gitPath === "" ? "" : `${answers.gitPath}/`}schemas/inventory.schema.json\n` +
        `# Inventory of the ${cluster.name} cluster, written by \`k8s-gitops init\`. Before the first boot replace the\n` +
        "# hardware, the NIC selectors (`talosctl get links -n <ip> --insecure`) and the disk ids\n" +
        "# (`talosctl get disks` / `ls /dev/disk/by-id`) with your machines' values: see README.md.\n" +
        stringify(inventory, { lineWidth: 0 }),
    );
  });
  for (const cluster of answers.clusters) {
    for (const node of cluster.nodes) if (!inSubnet(node, subnet)) throw new UserError(`--nodes: ${showValue(node)} of cluster ${showValue(cluster.name)} is not in --subnet ${answers.subnet}`);
  }
  if (!inSubnet(answers.gateway, subnet)) throw new UserError(`--gateway ${showValue(answers.gateway)} is not in --subnet ${answers.subnet}`);
  files.set("k8s-gitops.config.ts", configFile(answers, inventoryPaths));
  files.set(".sops.yaml", stringify({ creation_rules: [{ path_regex: "\\.sops\\.ya?ml$", encrypted_regex: "^(data|stringData)$", age: answers.ageRecipient }] }));
  files.set(".gitignore", "node_modules/\n# age private keys never go into Git\n*.agekey\nage.key\n");
  files.set("renovate.json", `${JSON.stringify(renovateConfig(answers.gitPath), null, 2)}\n`);
  files.set(".github/workflows/k8s-gitops.yaml", workflow(answers.gitPath));
  files.set("README.md", readme(answers));
  files.set("package.json", `${JSON.stringify(packageJson(cliVersion), null, 2)}\n`);
  return files;
}

function configFile(answers: InitAnswers, inventories: readonly string[]): string {
  return `// The estate: which inventories, how each cluster is composed, where the output goes.
// \`npx k8s-gitops generate\` renders it into ${answers.gitPath === "" ? "this folder" : `${answers.gitPath}/`}; \`npx k8s-gitops check\` fails when that is stale.
import { defineCluster, ref } from "@k8s-gitops/core";
import { cloudnativePg } from "@k8s-gitops/components/cloudnative-pg";
import { secretStoreRef } from "@k8s-gitops/components/external-secrets";
import { operatorCrds as vmOperatorCrds } from "@k8s-gitops/components/victoria-metrics";
import { clusterMetrics, defineEstate, estateMonitoring, platform, platformBootstrap, storage } from "@k8s-gitops/platform";

export default defineEstate({
  inventories: ${JSON.stringify(inventories)},
  // Where the output sits in this Git repository: every Flux path is derived from it.
  gitPath: ${JSON.stringify(answers.gitPath)},
  // Your age public key(s): .sops.yaml of the output encrypts for exactly these.
  sops: { recipients: [${JSON.stringify(answers.ageRecipient)}] },
  clusters: (estate) =>
    estate.inventories.map((inventory) => {
      const context = estate.context(inventory.cluster.name);
      // Cilium, CoreDNS, cert-manager, External Secrets + 1Password Connect, Flux, metrics-server, reloader, spegel.
      const base = platform(context, { policyAuditMode: true });
      // Rook-Ceph, OpenEBS hostpath, snapshot-controller (and NFS when the inventory names a server).
      const disks = storage(context, base);
      const cnpg = cloudnativePg(context, { certManager: ref(base.certManager, "app") });
      // VictoriaMetrics with the alert rules and dashboards of the components above.
      const metrics = clusterMetrics(context, { storage: ref(disks.rookCephCluster, "storage"), secretStore: secretStoreRef(base.onePasswordConnect) }, estateMonitoring());
      return defineCluster(context, () => ({
        components: [...Object.values(base), ...Object.values(disks), cnpg, ...Object.values(metrics)],
        bootstrap: platformBootstrap(context, base, [vmOperatorCrds]),
      }));
    }),
});
`;
}

/**
 * The word Renovate's annotations start with, kept out of this file's literal text: this
 * repository's own Renovate managers scan every source for annotations, and the consumer's
 * pattern is not one of them.
 */
const marker = "renovate";

function renovateConfig(gitPath: string): Record<string, unknown> {
  return {
    $schema: "https://docs.renovatebot.com/renovate-schema.json",
    extends: ["config:recommended"],
    // The output is rendered from the pins below; Renovate must never edit it.
    ignorePaths: [gitPath === "" ? "kubernetes/**" : `${gitPath}/**`, "**/node_modules/**"],
    packageRules: [
      {
        description: "The k8s-gitops packages move together (core is a peer of the others).",
        matchPackageNames: ["k8s-gitops", "@k8s-gitops/**"],
        groupName: "k8s-gitops",
      },
    ],
    customManagers: [
      {
        customType: "regex",
        description: `Chart pins you add in k8s-gitops.config.ts, each marked \`// ${marker}: datasource=helm depName=NAME registryUrl=URL\`.`,
        managerFilePatterns: ["/(^|/)k8s-gitops\\.config\\.m?[jt]s$/"],
        matchStrings: [`// ${marker}: datasource=(?<datasource>\\S+) depName=(?<depName>\\S+)( registryUrl=(?<registryUrl>\\S+))?\\n[^\\n]*?"(?<currentValue>[^"]+)"`],
      },
    ],
  };
}

function workflow(gitPath: string): string {
  return `# Written by k8s-gitops init: the output must be what the config renders, and pass verify.
name: k8s-gitops
on:
  push:
    branches: [main]
  pull_request:
permissions:
  contents: read
jobs:
  check:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@v5
      - uses: actions/setup-node@v5
        with:
          node-version: 24
      - uses: azure/setup-helm@v4
        with:
          version: v4.1.4
      - run: npm ci
      - name: ${gitPath === "" ? "the output" : `${gitPath}/`} is up to date
        run: npx k8s-gitops check
      - run: npx k8s-gitops fetch schemas
      - run: npx k8s-gitops fetch charts
      - run: npx k8s-gitops verify
`;
}

function packageJson(cliVersion: string): Record<string, unknown> {
  const range = `^${cliVersion}`;
  return {
    name: "estate",
    private: true,
    type: "module",
    scripts: { generate: "k8s-gitops generate", check: "k8s-gitops check", verify: "k8s-gitops verify" },
    engines: { node: ">=22.18.0 <23 || >=24.0.0" },
    devDependencies: {
      "@k8s-gitops/components": range,
      "@k8s-gitops/core": range,
      "@k8s-gitops/platform": range,
      "@k8s-gitops/talos": range,
      "k8s-gitops": range,
    },
  };
}

function readme(answers: InitAnswers): string {
  const out = answers.gitPath === "" ? "." : answers.gitPath;
  const names = answers.clusters.map((c) => c.name);
  return `# ${names.join(", ")}

GitOps repository of the cluster${names.length > 1 ? "s" : ""} ${names.join(", ")}, rendered by [k8s-gitops](https://github.com/example/k8s-gitops)
from \`k8s-gitops.config.ts\` and the inventories in \`clusters/<cluster>/inventory.yaml\` into \`${out}/\`.
Never edit \`${out}/\` by hand: change the config or an inventory, then run \`npx k8s-gitops generate\` and commit both.

## Every day

\`\`\`sh
npm install                 # once
npx k8s-gitops generate     # render ${out}/
npx k8s-gitops check        # what CI runs: exit 1 when ${out}/ is stale
npx k8s-gitops fetch schemas && npx k8s-gitops fetch charts   # once, for verify
npx k8s-gitops verify       # kustomize, schemas, helm template, the Flux graph
\`\`\`

## Before the first boot (operator)

1. Keep the age private key out of Git (\`age.key\`, ignored) and in your password manager; \`.sops.yaml\`
   encrypts for ${answers.ageRecipient}.
2. In each inventory replace what \`init\` could not know: \`nodes[].hardware\`, the NIC selector
   (\`talosctl get links -n <ip> --insecure\`: the \`driver\`, \`busPath\` or \`mac\` of the LAN port), the install
   disk and the Ceph and local disks (\`talosctl get disks -n <ip> --insecure\`, the names in \`/dev/disk/by-id\`).
   \`npx k8s-gitops generate\` refuses impossible values with the file, line and field.
3. Create the 1Password vault${names.length > 1 ? "s" : ""} ${names.map((n) => `\`kubernetes-${n}\``).join(", ")} with the items listed in
   \`${out}/docs/runbook.md\`, and a Cloudflare API token for the DNS-01 challenges.
4. Follow \`${out}/docs/runbook.md\`: Talos machine configs from \`${out}/talos/<cluster>/\`, then the bootstrap
   phases in \`${out}/bootstrap/\` (CRDs, then Cilium -> CoreDNS -> cert-manager -> External Secrets -> Flux).
   From then on Flux syncs \`${out}/kubernetes/clusters/<cluster>\` from ${answers.gitUrl} (${answers.branch}).

## Files

| file | what |
| --- | --- |
| \`k8s-gitops.config.ts\` | the estate: inventories, composition of each cluster, gitPath, SOPS recipients |
| \`clusters/<cluster>/inventory.yaml\` | nodes, addresses, subnets, BGP, domains of a cluster |
| \`${out}/\` | the rendered output Flux reconciles (with its own docs in \`${out}/docs/\`) |
| \`.github/workflows/k8s-gitops.yaml\` | CI: \`check\` and \`verify\` on every push and pull request |
| \`renovate.json\` | updates the k8s-gitops packages and your own pins, never the output |
`;
}

function firstHost(subnet: string): string {
  const { base } = parseCidr("--subnet", subnet);
  return toIp(base + 1);
}

function asNumber(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 4294967295) throw new UserError(`${flag} ${showValue(value)}: expected a BGP ASN (1..4294967295)`);
  return n;
}

async function ask(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await rl.question(question)).trim();
  } finally {
    rl.close();
  }
}

/** The answers from the flags, asking on a terminal for the required ones missing. */
export async function initAnswers(argv: readonly string[], interactive: boolean = process.stdin.isTTY === true): Promise<InitAnswers & { dir?: string }> {
  const options = {
        cluster: { type: "string", multiple: true },
        nodes: { type: "string", multiple: true },
        subnet: { type: "string" },
        gateway: { type: "string" },
        vip: { type: "string" },
        "lb-subnet": { type: "string" },
        asn: { type: "string" },
        "peer-asn": { type: "string" },
        domain: { type: "string" },
        "git-url": { type: "string" },
        branch: { type: "string" },
        "git-path": { type: "string" },
        "age-recipient": { type: "string" },
        email: { type: "string" },
        dir: { type: "string" },
        debug: { type: "boolean" },
  } as const;
  const parse = () => {
    try {
      return parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values;
    } catch (error) {
      throw new UserError(`${(error as Error).message}\n${initUsage}`);
    }
  };
  const values = parse();
  const required = async (flag: string, value: string | undefined, hint: string): Promise<string> => {
    if (value !== undefined && value !== "") return value;
    if (!interactive) throw new UserError(`init: --${flag} is required (${hint})\n${initUsage}`);
    const answer = await ask(`${hint}: `);
    if (answer === "") throw new UserError(`init: --${flag} is required`);
    return answer;
  };
  const clusterNames = values.cluster ?? [(await required("cluster", undefined, "cluster name, e.g. lab"))];
  const nodeLists = values.nodes ?? [];
  const clusters = [];
  for (const [index, name] of clusterNames.entries()) {
    const list = nodeLists[index] ?? (await required("nodes", undefined, `node addresses of ${name}, comma-separated`));
    const nodes = list.split(",").map((ip) => ip.trim()).filter((ip) => ip !== "");
    const bad = nodes.find((ip) => !ipv4.test(ip));
    if (bad !== undefined || nodes.length === 0) throw new UserError(`--nodes ${showValue(list)} (cluster ${showValue(name)}): expected IPv4 addresses separated by commas${bad === undefined ? "" : `; ${showValue(bad)} is not one`}`);
    clusters.push({ name, nodes });
  }
  if (nodeLists.length > clusterNames.length) throw new UserError(`init: ${nodeLists.length} --nodes lists for ${clusterNames.length} --cluster names (give one --nodes per --cluster, in the same order)`);
  const subnet = await required("subnet", values.subnet, "node subnet, e.g. 192.168.50.0/24");
  const domain = await required("domain", values.domain, "public DNS domain, e.g. lab.acme.net");
  const gitUrl = await required("git-url", values["git-url"], "Git URL Flux syncs, e.g. ssh://git@github.com/acme/lab-gitops.git");
  const ageRecipient = await required(
    "age-recipient",
    values["age-recipient"],
    "your age public key: create one with `age-keygen -o age.key`, then `age-keygen -y age.key` prints it",
  );
  if (!/^age1[qpzry9x8gf2tvdw0s3jn54khce6mua7l]{58}$/.test(ageRecipient)) {
    throw new UserError(`--age-recipient ${showValue(ageRecipient)}: not an age public key (age1 and 58 characters; \`age-keygen -y age.key\` prints yours)`);
  }
  const gateway = values.gateway ?? firstHost(subnet);
  if (!ipv4.test(gateway)) throw new UserError(`--gateway ${showValue(gateway)}: expected an IPv4 address`);
  return {
    clusters,
    subnet,
    gateway,
    ...(values.vip === undefined ? {} : { vip: values.vip }),
    ...(values["lb-subnet"] === undefined ? {} : { lbSubnet: values["lb-subnet"] }),
    asn: asNumber("--asn", values.asn, 64513),
    peerAsn: asNumber("--peer-asn", values["peer-asn"], 64512),
    domain,
    gitUrl,
    branch: values.branch ?? "main",
    gitPath: values["git-path"] ?? "generated",
    ageRecipient,
    email: values.email ?? `hostmaster@${domain}`,
    ...(values.dir === undefined ? {} : { dir: values.dir }),
  };
}

/**
 * `k8s-gitops init`: checks the answers by parsing the inventories it would write (the same
 * validation generate runs), refuses when any target file exists, then writes every file.
 */
export async function runInit(argv: readonly string[], options: { cwd: string }): Promise<string> {
  const answers = await initAnswers(argv);
  const dir = join(options.cwd, answers.dir ?? ".");
  const version = (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;
  const files = scaffold(answers, version);
  // The inventories must pass the same validation as generate, before anything is written.
  parseInventories([...files].filter(([path]) => path.endsWith("inventory.yaml")).map(([path, text]) => ({ path, text })));
  const keepPackageJson = existsSync(join(dir, "package.json"));
  if (keepPackageJson) {
    files.delete("package.json");
    // Without "type": "module" Node would have to guess the config's module system (and warn); .mts says it.
    const type = (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { type?: string }).type;
    if (type !== "module") {
      files.set("k8s-gitops.config.mts", files.get("k8s-gitops.config.ts")!);
      files.delete("k8s-gitops.config.ts");
    }
  }
  const existing = [...files.keys()].filter((path) => existsSync(join(dir, path)));
  if (existing.length > 0) {
    throw new UserError(`init: refusing to overwrite ${existing.map((p) => showValue(p)).join(", ")} in ${dir} (move ${existing.length > 1 ? "them" : "it"} away, or init another --dir)`);
  }
  for (const [path, content] of files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content, { flag: "wx" });
  }
  const lines = [...files.keys()].sort().map((path) => `  ${path}`);
  return [
    `init: wrote ${files.size} files in ${dir}${keepPackageJson ? " (kept the existing package.json)" : ""}:`,
    ...lines,
    "next: npm install (when new), npx k8s-gitops generate, then read README.md",
  ].join("\n");
}
