import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { renderCluster, type GeneratedFile } from "@k8s-gitops/core";
import { fixtureContext, helmReleaseValues } from "@k8s-gitops/core/testing";
import { describe, expect, it } from "vitest";
import { serviceUrl } from "../clustermesh/index.js";
import { describeChartComponent } from "../testing/chart-contract.js";
import { chart, victoriaLogs, type VictoriaLogsProps } from "./index.js";

const here = dirname(fileURLToPath(import.meta.url));
const render = (props: VictoriaLogsProps = {}): GeneratedFile[] =>
  renderCluster({ name: "infra", components: [victoriaLogs(fixtureContext("infra"), props)] });
const releaseValues = (files: GeneratedFile[]) => helmReleaseValues(files);

describeChartComponent("victoriaLogs", { dir: here, clusters: ["infra"], render: () => render(), charts: [{ chart }] });

describe("victoriaLogs", () => {
  it("GIVEN the defaults THEN the Service is global with a ClusterIP, the data lives on ceph-block for 90 days and metrics are scraped", () => {
    const { server } = releaseValues(render());
    expect(server.service).toEqual({
      clusterIP: "",
      servicePort: 9428,
      annotations: { "service.cilium.io/global": "true", "service.cilium.io/shared": "true" },
    });
    expect(server.retentionPeriod).toBe("90d");
    expect(server.persistentVolume).toEqual({ enabled: true, storageClassName: "ceph-block", size: "50Gi" });
    expect(server.serviceMonitor).toEqual({ enabled: true });
  });

  it("GIVEN another Service name and port THEN the endpoints follow them and the insert path is /insert/jsonline", () => {
    const { endpoints } = victoriaLogs(fixtureContext("infra"), { serviceName: "logs", port: 9500 });
    expect(serviceUrl(endpoints.insert)).toBe("http://logs.observability.svc.cluster.local:9500/insert/jsonline");
    expect(endpoints.query).toEqual({ cluster: "infra", namespace: "observability", name: "logs", port: 9500, portName: "http" });
    expect(releaseValues(render({ serviceName: "logs", port: 9500 })).server).toMatchObject({ fullnameOverride: "logs", service: { servicePort: 9500 } });
  });

  it("GIVEN a bigger volume THEN the disk-usage cap grows with it (90 %)", () => {
    expect(releaseValues(render({ storageSize: "100Gi" })).server.retentionDiskSpaceUsage).toBe("90GiB");
  });

  it("GIVEN a retention outside 30-90 days or an odd size THEN a UserError names each prop and value", () => {
    expect(() => victoriaLogs(fixtureContext("infra"), { retention: "7d", storageSize: "1.5Ti" })).toThrow(
      /retention: must be 30d to 90d, got "7d"[\s\S]*storageSize: must be whole GiB such as "50Gi", got "1.5Ti"/,
    );
  });

  it("GIVEN a values override THEN sibling defaults are kept", () => {
    const { server } = releaseValues(render({ values: { server: { resources: { limits: { memory: "4Gi" } } } } }));
    expect(server.resources).toEqual({ requests: { cpu: "100m", memory: "256Mi" }, limits: { memory: "4Gi" } });
    expect(server.retentionPeriod).toBe("90d");
  });
});
