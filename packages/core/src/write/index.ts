export { checkTree, type CheckTreeOptions, type CheckTreeResult } from "./check-tree.js";
export type { StepHook } from "./fs-ops.js";
export { COMMIT_STEP, recoverInterruptedWrite, type RecoveryAction, type RecoveryOptions } from "./journal.js";
export { MANIFEST_GENERATOR, MANIFEST_VERSION, parseManifest, serializeManifest, type OwnedFiles } from "./manifest.js";
export { MANIFEST_FILE, WORK_DIR } from "./paths.js";
export { defaultReportLimits, describeFileChange, type ReportLimits } from "./report.js";
export { writeTree, type WriteTreeOptions, type WriteTreeResult } from "./write-tree.js";
