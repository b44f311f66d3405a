export { inventoryJsonSchema } from "./json-schema.js";
export { defaultRouteLink, linksReaching, nodeIP, nodeLinks, nodeSubnetMtu, type NodeLink } from "./node-network.js";
export { parseInventories, type InventorySource } from "./parse.js";
export { readInventoryFiles } from "./read.js";
export { inventorySchema } from "./schema/inventory.js";
export type * from "./types.js";
