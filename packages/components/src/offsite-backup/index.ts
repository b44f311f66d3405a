export { backupSchedule, bucketCopy, copyJobLabels, rcloneImage, type BucketCopyProps, type CopySource } from "./copy.js";
export { copyJobPods } from "./flows.js";
export { offsiteTarget, type OffsiteTarget } from "./target.js";
export { bucketCopyMonitoring, cronJobStale, durationSeconds } from "./alerts.js";
