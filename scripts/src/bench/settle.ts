import { spawnSync } from "node:child_process";

/**
 * Flushes every dirty page to disk (`sync`) and returns how long that took. The bench calls it
 * before each timed write so a run does not pay for the write-back of the run before it; on this
 * class of VM the write-back and the TRIM of deleted trees otherwise add seconds to whichever run
 * happens to come next. Where `sync` is missing the bench goes on unsettled.
 */
export function settleDisk(): number {
  const start = performance.now();
  spawnSync("sync", [], { stdio: "ignore" });
  return performance.now() - start;
}
