import { z } from "zod";
import { clusterIdentitySchema } from "./cluster.js";
import { externalServicesSchema } from "./external.js";
import { clusterNetworkSchema } from "./network.js";
import { nodeSchema } from "./node.js";

/** The zod schema of one cluster inventory file. */
export const inventorySchema = z
  .strictObject({
    cluster: clusterIdentitySchema,
    nodes: z.array(nodeSchema).min(1).describe("Machines of the cluster."),
    network: clusterNetworkSchema,
    external: externalServicesSchema,
  })
  .meta({ title: "k8s-gitops cluster inventory" })
  .describe("Inventory of one k8s-gitops cluster: identity, nodes, network plan and external services.");
