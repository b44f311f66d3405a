import { requireSharedData } from "../../testing/shared-data.js";

/** The upstream schemas these suites read; importing this module fails the suite when they are missing. */
export const sharedSchemasRoot = requireSharedData("schemas");
