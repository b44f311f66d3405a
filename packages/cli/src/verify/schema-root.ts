import { readdirSync } from "node:fs";
import { join } from "node:path";

/** Sub-folder names of a folder of the schema root, sorted; empty when it does not exist. */
export function listSchemaDir(root: string, dir: string): string[] {
  try {
    return readdirSync(join(root, dir), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
  } catch {
    return [];
  }
}
