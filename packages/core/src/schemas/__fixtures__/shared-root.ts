import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { findRepoRoot, hasSchemaFiles } from "../root.js";

const repoRoot = findRepoRoot(dirname(fileURLToPath(import.meta.url)));

/** `<repo>/../shared/schemas`, present on the dev machine and in CI, absent for most users. */
export const sharedSchemasRoot = repoRoot === undefined ? "" : join(repoRoot, "..", "shared", "schemas");

/** True when the suites that read the real upstream schemas can run. */
export const hasSharedSchemas = sharedSchemasRoot !== "" && hasSchemaFiles(sharedSchemasRoot);

export const noSharedSchemas = !hasSharedSchemas;
