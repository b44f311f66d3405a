import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateFleet } from "./fleet-sample.js";

// Child process of `pnpm bench`: one fleet size per process, so the peak memory is that size's.
// Usage: fleet-child N [scratch-dir]; prints one FleetSample as JSON.
const n = Number(process.argv[2]);
const work = mkdtempSync(join(process.argv[3] ?? tmpdir(), `fleet-${n}-`));
try {
  const sample = await generateFleet(n, join(work, "writer"), join(work, "plain"));
  process.stdout.write(`${JSON.stringify(sample)}\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
