import { describe, expect, it } from "vitest";
import { defaultOutDir } from "@k8s-gitops/core/testing";
import { parseFetchChartsArgs, pullArgs } from "./fetch-charts.js";
import { chartPins } from "./verify/chart-pins.js";
import { readTree } from "./verify/tree.js";

describe("k8s-gitops fetch charts", () => {
  it("GIVEN an OCI pin THEN helm pull gets the OCI URL and the exact version into <dir>/<chart>", () => {
    const pin = { chart: "coredns", version: "1.46.2", source: "oci://ghcr.io/coredns/charts/coredns", oci: true, file: "f.yaml" };
    expect(pullArgs(pin, "/cache")).toEqual(["pull", "oci://ghcr.io/coredns/charts/coredns", "--version", "1.46.2", "--destination", "/cache/coredns"]);
  });

  it("GIVEN a Helm repository pin THEN helm pull gets the chart name, --repo and the exact version", () => {
    const pin = { chart: "harbor", version: "1.19.1", source: "https://helm.goharbor.io", oci: false, file: "f.yaml" };
    expect(pullArgs(pin, "/cache")).toEqual(["pull", "harbor", "--repo", "https://helm.goharbor.io", "--version", "1.19.1", "--destination", "/cache/harbor"]);
  });

  it("GIVEN the committed tree THEN the pins name each source of both kinds, with the HelmRepository's URL", () => {
    const pins = chartPins(readTree(defaultOutDir()));
    expect(pins.find((p) => p.chart === "metrics-server")).toMatchObject({ version: "3.13.1", source: "https://kubernetes-sigs.github.io/metrics-server/", oci: false });
    expect(pins.find((p) => p.chart === "coredns")).toMatchObject({ version: "1.46.2", source: "oci://ghcr.io/coredns/charts/coredns", oci: true });
    expect(pins.every((p) => p.source !== "" && p.version !== "")).toBe(true);
  });

  it("GIVEN an unknown option THEN it is refused", () => {
    expect(() => parseFetchChartsArgs(["--force"], defaultOutDir())).toThrow(/unknown option --force/);
  });
});
