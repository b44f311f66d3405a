export { checkTree, type CheckTreeOptions, type CheckTreeResult } from "./check-tree.js";
export type { StepHook } from "./fs-ops.js";
export { COMMIT_STEP, hasPendingJournal, type RecoveryAction } from "./journal.js";
export { acquireLock, type HeldLock, type LockOptions, type LockOwner } from "./lock.js";
export { MANIFEST_GENERATOR, MANIFEST_VERSION, parseManifest, serializeManifest, type OwnedFiles } from "./manifest.js";
export { LOCK_FILE, MANIFEST_FILE, WORK_DIR } from "./paths.js";
export { defaultReportLimits, describeFileChange, type ReportLimits } from "./report.js";
export { recoverInterruptedWrite, writeTree, type WriteTreeOptions, type WriteTreeResult } from "./write-tree.js";
