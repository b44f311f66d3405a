import { z } from "zod";
import { inventorySchema } from "./schema/inventory.js";

/**
 * The JSON Schema (draft-07, the dialect yaml-language-server handles best) of an inventory file,
 * for editor completion and hover docs. It describes the input: fields with defaults are optional.
 * Cross-field rules are not expressible in it; `parseInventories` remains the authority.
 */
export function inventoryJsonSchema(): object {
  return z.toJSONSchema(inventorySchema, { target: "draft-7", io: "input" });
}
