import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { UserError } from "../errors/index.js";
import { nodeIP } from "./node-network.js";
import { parseInventories } from "./parse.js";

// GIVEN random valid inventory pairs (1/3/5 control planes plus workers, random subnets, ranges,
// ASNs, addresses) they load; mutated by breaking one rule they are rejected with a UserError that
// names the broken field, never with another exception.

// Free-form on purpose: mutations write values the typed input would not allow.
type Data = Record<string, any>;

const paths = ["gen/infra.yaml", "gen/apps.yaml"] as const;

const arbPlan = fc.record({
  controlPlanes: fc.tuple(fc.constantFrom(1, 3, 5), fc.constantFrom(1, 3, 5)),
  workers: fc.tuple(fc.nat(2), fc.nat(2)),
  sharedLan: fc.boolean(),
  lanOctets: fc.uniqueArray(fc.integer({ min: 0, max: 255 }), { minLength: 2, maxLength: 2 }),
  hosts: fc.uniqueArray(fc.integer({ min: 2, max: 254 }), { minLength: 17, maxLength: 17 }),
  clusterOctets: fc.uniqueArray(fc.integer({ min: 0, max: 255 }), { minLength: 4, maxLength: 4 }),
  clusterPrefixes: fc.array(fc.integer({ min: 16, max: 20 }), { minLength: 4, maxLength: 4 }),
  dnsHosts: fc.tuple(fc.integer({ min: 2, max: 254 }), fc.integer({ min: 2, max: 254 })),
  lbOctets: fc.uniqueArray(fc.integer({ min: 0, max: 255 }), { minLength: 2, maxLength: 2 }),
  fixedHosts: fc.uniqueArray(fc.integer({ min: 1, max: 62 }), { minLength: 3, maxLength: 3 }),
  asns: fc.uniqueArray(fc.integer({ min: 1, max: 4294967295 }).filter((n) => n !== 23456), { minLength: 3, maxLength: 3 }),
  ids: fc.uniqueArray(fc.integer({ min: 1, max: 255 }), { minLength: 2, maxLength: 2 }),
  macs: fc.uniqueArray(fc.integer({ min: 0, max: 0xffffff }), { minLength: 14, maxLength: 14 }),
  vlan: fc.boolean(),
});
type Plan = typeof arbPlan extends fc.Arbitrary<infer T> ? T : never;

const hex = (n: number) => n.toString(16).padStart(6, "0").match(/../g)!.join(":");
const pick = <T>(list: readonly T[], i: number): T => list[i] as T;

function cluster(plan: Plan, c: 0 | 1, hostOffset: number, macOffset: number): Data {
  const name = ["infra", "apps"][c] as string;
  const lan = plan.sharedLan ? pick(plan.lanOctets, 0) : pick(plan.lanOctets, c);
  const subnet = `192.168.${lan}`;
  const [pods, services] = [pick(plan.clusterOctets, 2 * c), pick(plan.clusterOctets, 2 * c + 1)];
  const lb = `172.16.${pick(plan.lbOctets, c)}`;
  const count = pick(plan.controlPlanes, c) + pick(plan.workers, c);
  const nodes = Array.from({ length: count }, (_, n) => ({
    hostname: `${name}-${n}`,
    role: n < pick(plan.controlPlanes, c) ? "controlplane" : "worker",
    hardware: { vendor: "Lenovo", model: "ThinkCentre M920x", cpu: "Intel Core i7-8700T", memoryGiB: 64 },
    topology: { zone: "lab", rack: `rack-${c}` },
    network: {
      interfaces: [
        {
          name: "lan",
          select: { mac: `02:00:00:${hex(pick(plan.macs, macOffset + n))}` },
          addresses: [`${subnet}.${pick(plan.hosts, hostOffset + n)}/24`],
          ...(plan.vlan && n === 0 ? { vlans: [{ id: 20, addresses: [`100.64.${c}.${n + 1}/24`] }] } : {}),
        },
      ],
      defaultGateway: `${subnet}.1`,
    },
    disks: {
      install: { selector: { serial: `S${c}N${n}` }, sizeGB: 500, type: "ssd" },
      ceph: { id: `nvme-TEST_${c}_${n}_CEPH`, sizeGB: 1000 },
      local: { id: `nvme-TEST_${c}_${n}_LOCAL`, sizeGB: 512 },
    },
  }));
  const fixed = plan.fixedHosts.map((h) => `${lb}.${h}`);
  return {
    cluster: {
      name,
      id: pick(plan.ids, c),
      talosVersion: "v1.13.9",
      kubernetesVersion: "v1.35.4",
      endpoint: { host: `api.${name}.example.net`, vip: `${subnet}.${pick(plan.hosts, 15 + c)}` },
      domains: { internal: `${name}.lab.example.net`, external: "example.net" },
      git: { url: "ssh://git@github.com/example/k8s-gitops.git", branch: "main" },
    },
    nodes,
    network: {
      nodeSubnet: `${subnet}.0/24`,
      gateway: `${subnet}.1`,
      dns: [`${subnet}.1`],
      ntp: ["time.cloudflare.com"],
      podCIDR: `10.${pods}.0.0/${pick(plan.clusterPrefixes, 2 * c)}`,
      serviceCIDR: `10.${services}.0.0/${pick(plan.clusterPrefixes, 2 * c + 1)}`,
      clusterDNS: `10.${services}.0.${pick(plan.dnsHosts, c)}`,
      bgp: { localASN: pick(plan.asns, c), peers: [{ name: "router", address: `${subnet}.1`, asn: pick(plan.asns, 2) }] },
      loadBalancer: {
        subnet: `${lb}.0/24`,
        pools: [
          { name: "fixed", cidr: `${lb}.0/26` },
          { name: "default", cidr: `${lb}.128/25` },
        ],
        fixed: { internalGateway: fixed[0], externalGateway: fixed[1], clustermeshApiServer: fixed[2] },
      },
    },
    external: {
      nfs: { name: "NAS", address: `192.168.${pick(plan.lanOctets, 0)}.${pick(plan.hosts, 14)}`, exports: [{ name: "media", path: "/volume1/media" }] },
      onepassword: { connectHost: "http://onepassword-connect.external-secrets.svc.cluster.local:8080", vault: name },
      letsencrypt: { email: "admin@example.net" },
      dnsProvider: { name: "cloudflare", zone: "example.net" },
    },
  };
}

function inventoryPair(plan: Plan): [Data, Data] {
  const infraNodes = pick(plan.controlPlanes, 0) + pick(plan.workers, 0);
  return [cluster(plan, 0, 0, 0), cluster(plan, 1, infraNodes, infraNodes)];
}

const toSources = (pair: readonly Data[]) => pair.map((data, i) => ({ path: paths[i] as string, text: stringify(data) }));

/** A mutation breaks one rule in a copy of the pair and says which file and field must be blamed. */
interface Broken {
  readonly pair: [Data, Data];
  readonly file: 0 | 1;
  readonly field: string;
}
type Mutation = (pair: [Data, Data], r: number) => Broken;

const nodeIndex = (data: Data, r: number) => r % data.nodes.length;
const firstAddress = (data: Data, n: number): string => data.nodes[n].network.interfaces[0].addresses[0];

const mutations: Record<string, Mutation> = {
  "hostname used in both clusters": ([infra, apps], r) => {
    const n = nodeIndex(apps, r);
    apps.nodes[n].hostname = infra.nodes[0].hostname;
    return { pair: [infra, apps], file: 1, field: `nodes[${n}].hostname` };
  },
  "node address outside the node subnet": ([infra, apps], r) => {
    const n = nodeIndex(infra, r);
    infra.nodes[n].network.interfaces[0].addresses[0] = `203.0.113.${n + 1}/24`;
    return { pair: [infra, apps], file: 0, field: `nodes[${n}].network.interfaces[0].addresses[0]` };
  },
  "VIP equal to a node address": ([infra, apps], r) => {
    const n = nodeIndex(apps, r);
    apps.cluster.endpoint.vip = firstAddress(apps, n).split("/")[0];
    return { pair: [infra, apps], file: 1, field: "cluster.endpoint.vip" };
  },
  "node address used in both clusters": ([infra, apps], r) => {
    const n = nodeIndex(apps, r);
    apps.network = { ...apps.network, nodeSubnet: infra.network.nodeSubnet, gateway: infra.network.gateway };
    apps.nodes[n].network.defaultGateway = infra.network.gateway;
    apps.nodes[n].network.interfaces[0].addresses[0] = firstAddress(infra, 0);
    return { pair: [infra, apps], file: 1, field: `nodes[${n}].network.interfaces[0].addresses[0]` };
  },
  "non-canonical pod CIDR": ([infra, apps]) => {
    infra.network.podCIDR = infra.network.podCIDR.replace(".0/", ".1/");
    return { pair: [infra, apps], file: 0, field: "network.podCIDR" };
  },
  "invalid gateway address": ([infra, apps], r) => {
    apps.network.gateway = `${256 + (r % 700)}.1.1.1`;
    return { pair: [infra, apps], file: 1, field: "network.gateway" };
  },
  "service CIDR equal to the pod CIDR": ([infra, apps]) => {
    apps.network.serviceCIDR = apps.network.podCIDR;
    return { pair: [infra, apps], file: 1, field: "network.serviceCIDR" };
  },
  "pod CIDR overlapping the other cluster's": ([infra, apps]) => {
    apps.network.podCIDR = infra.network.podCIDR;
    return { pair: [infra, apps], file: 1, field: "network.podCIDR" };
  },
  "cluster DNS outside the service CIDR": ([infra, apps]) => {
    infra.network.clusterDNS = infra.network.podCIDR.replace(".0/", ".5/").split("/")[0];
    return { pair: [infra, apps], file: 0, field: "network.clusterDNS" };
  },
  "duplicate ClusterMesh id": ([infra, apps]) => {
    apps.cluster.id = infra.cluster.id;
    return { pair: [infra, apps], file: 1, field: "cluster.id" };
  },
  "duplicate cluster name": ([infra, apps]) => {
    apps.cluster.name = infra.cluster.name;
    return { pair: [infra, apps], file: 1, field: "cluster.name" };
  },
  "even number of control planes": ([infra, apps]) => {
    infra.nodes[0].role = "worker";
    return { pair: [infra, apps], file: 0, field: "nodes: has" };
  },
  "ASN out of range": ([infra, apps], r) => {
    apps.network.bgp.localASN = [0, 23456, 4294967296][r % 3];
    return { pair: [infra, apps], file: 1, field: "network.bgp.localASN" };
  },
  "peer in the local AS": ([infra, apps]) => {
    infra.network.bgp.peers[0].asn = infra.network.bgp.localASN;
    return { pair: [infra, apps], file: 0, field: "network.bgp.peers[0].asn" };
  },
  "missing install disk": ([infra, apps], r) => {
    const n = nodeIndex(apps, r);
    delete apps.nodes[n].disks.install;
    return { pair: [infra, apps], file: 1, field: `nodes[${n}].disks.install` };
  },
  "unknown field": ([infra, apps], r) => {
    const n = nodeIndex(infra, r);
    const targets: [string, Data][] = [
      ["", infra],
      ["cluster.", infra.cluster],
      [`nodes[${n}].`, infra.nodes[n]],
      [`nodes[${n}].hardware.`, infra.nodes[n].hardware],
      ["network.bgp.", infra.network.bgp],
      ["external.letsencrypt.", infra.external.letsencrypt],
    ];
    const [prefix, target] = targets[r % targets.length] as [string, Data];
    target.surprise = true;
    return { pair: [infra, apps], file: 0, field: `${prefix}surprise: unknown field` };
  },
  "invalid email": ([infra, apps], r) => {
    if (r % 2 === 0) delete apps.external.letsencrypt.email;
    else apps.external.letsencrypt.email = "admin.example.net";
    return { pair: [infra, apps], file: 1, field: "external.letsencrypt.email" };
  },
  "MAC used in both clusters": ([infra, apps], r) => {
    const n = nodeIndex(apps, r);
    apps.nodes[n].network.interfaces[0].select.mac = infra.nodes[0].network.interfaces[0].select.mac;
    return { pair: [infra, apps], file: 1, field: `nodes[${n}].network.interfaces[0].select.mac` };
  },
  "fixed LoadBalancer IP outside the pools": ([infra, apps]) => {
    apps.network.loadBalancer.fixed.clustermeshApiServer = apps.network.loadBalancer.subnet.replace(".0/24", ".100");
    return { pair: [infra, apps], file: 1, field: "network.loadBalancer.fixed.clustermeshApiServer" };
  },
};

describe("parseInventories on generated inventories", () => {
  it("GIVEN random valid inventory pairs WHEN parsing THEN both load with their nodes", () => {
    fc.assert(
      fc.property(arbPlan, (plan) => {
        const pair = inventoryPair(plan);

        const [infra, apps] = parseInventories(toSources(pair));

        expect(infra?.nodes.map(nodeIP)).toEqual(pair[0].nodes.map((_: unknown, n: number) => firstAddress(pair[0], n).split("/")[0]));
        expect(apps?.nodes).toHaveLength(pair[1].nodes.length);
      }),
      { numRuns: 150 },
    );
  });

  it("GIVEN a valid pair with one rule broken WHEN parsing THEN a UserError names the broken field", () => {
    fc.assert(
      fc.property(arbPlan, fc.constantFrom(...Object.keys(mutations)), fc.nat(), (plan, name, r) => {
        const broken = (mutations[name] as Mutation)(structuredClone(inventoryPair(plan)), r);

        let error: unknown;
        try {
          parseInventories(toSources(broken.pair));
        } catch (e) {
          error = e;
        }

        expect(error, name).toBeInstanceOf(UserError);
        const problems = (error as UserError).problems;
        const blamed = problems.some((p) => p.startsWith(`${paths[broken.file]}:`) && p.includes(broken.field));
        expect(blamed, `${name}: ${broken.field} not in\n${problems.join("\n")}`).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});
