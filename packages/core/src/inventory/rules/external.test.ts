import { describe, expect, it } from "vitest";
import { parseInventories } from "../parse.js";
import { at, infraPath, problemsOf, replaceOnce, sources, validInfra } from "../__fixtures__/support.js";

const withOffsite = (block: string) => replaceOnce(validInfra, "  letsencrypt:", `  offsiteBackup:\n${block}\n  letsencrypt:`);

describe("external services", () => {
  it("GIVEN an internal domain outside the DNS zone WHEN parsing THEN it is reported, because external-dns publishes the internal names in that zone", () => {
    const infra = replaceOnce(validInfra, "internal: infra.lab.example.net", "internal: infra.lab.example.org");

    expect(problemsOf(sources({ infra }))).toEqual([
      `${at(infraPath, infra, "infra.lab.example.org")}: cluster.domains.internal: "infra.lab.example.org" is not inside the DNS zone "example.net", where external.dnsProvider.internalRecords "provider" publishes the internal names (expected a subdomain of example.net) (see external.dnsProvider.zone at ${at(infraPath, infra, "zone: example.net", "example.net")})`,
    ]);
  });

  it("GIVEN an off-cluster backup on an export the NFS server does not have WHEN parsing THEN the export is named with the ones that exist", () => {
    const infra = withOffsite("    nfsExport: backups");

    expect(problemsOf(sources({ infra }))).toEqual([
      `${at(infraPath, infra, "nfsExport: backups", "backups")}: external.offsiteBackup.nfsExport: "backups" is not an export of external.nfs (expected one of: "kubernetes", "media")`,
    ]);
  });

  it("GIVEN an off-cluster backup on a read-only export WHEN parsing THEN it is refused", () => {
    const infra = replaceOnce(withOffsite("    nfsExport: media"), "path: /volume1/media }", "path: /volume1/media, readOnly: true }");

    expect(problemsOf(sources({ infra }))[0]).toContain('external.offsiteBackup.nfsExport: "media" is a read-only export (expected a writable one)');
  });

  it("GIVEN an off-cluster backup with a six-field schedule WHEN parsing THEN the schema refuses it", () => {
    const infra = withOffsite('    nfsExport: media\n    schedule: "0 30 4 * * *"');

    expect(problemsOf(sources({ infra }))[0]).toContain("external.offsiteBackup.schedule");
  });

  it("GIVEN an off-cluster backup on a writable export WHEN parsing THEN the defaults are filled in", () => {
    const infra = withOffsite("    nfsExport: media");

    expect(parseInventories(sources({ infra }))[0]?.external.offsiteBackup).toEqual({ nfsExport: "media", retention: "90d", schedule: "30 4 * * *" });
  });
});
