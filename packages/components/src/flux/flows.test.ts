import { describe, expect, it } from "vitest";
import { flowKey } from "../network-flows/model.js";
import { fluxInstanceFlows } from "./flows.js";

const context = { cluster: "infra", namespace: "flux-system", scraper: { cluster: "infra", namespace: "observability", name: "vmagent", labels: { app: "vmagent" } } };

describe("fluxInstanceFlows", () => {
  it("GIVEN a FluxInstance without notification-controller THEN no controller is admitted to post events, and the artifact flows stay", () => {
    expect(fluxInstanceFlows(context, ["source-controller", "kustomize-controller"]).map(flowKey)).toEqual([
      "infra/flux-system/source-controller -> infra:world [443/TCP 22/TCP]",
      "infra/flux-system/kustomize-controller -> infra/flux-system/source-controller [9090/TCP]",
    ]);
  });

  it("GIVEN the four default controllers THEN kustomize- and helm-controller fetch artifacts and all three senders post events on 9090", () => {
    const keys = fluxInstanceFlows(context, ["source-controller", "kustomize-controller", "helm-controller", "notification-controller"]).map(flowKey);
    expect(keys.filter((k) => k.includes("notification-controller"))).toHaveLength(3);
    expect(keys.filter((k) => k.endsWith("source-controller [9090/TCP]"))).toHaveLength(2);
  });
});
