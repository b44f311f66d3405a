import { readFile } from "node:fs/promises";
import { UserError } from "../errors/index.js";
import type { InventorySource } from "./parse.js";

/** Reads inventory files as they are; `path` is kept as given, for messages. */
export async function readInventoryFiles(paths: readonly string[]): Promise<InventorySource[]> {
  return Promise.all(
    paths.map(async (path) => {
      try {
        return { path, text: await readFile(path, "utf8") };
      } catch (error) {
        throw new UserError(`cannot read inventory file ${path}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }),
  );
}
