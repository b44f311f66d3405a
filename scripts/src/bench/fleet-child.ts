import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateFleet } from "./fleet-sample.js";

// Child process of `pnpm bench`: one fleet size per process, so the peak memory is that size's.
// Usage: fleet-child N [scratch-dir]; prints one FleetSample as JSON. The trees stay behind: the
// bench deletes its scratch directory once, at the end, because deleting tens of thousands of
// files here would slow down the next run's writes (write-back and TRIM of the freed blocks).
const n = Number(process.argv[2]);
const work = mkdtempSync(join(process.argv[3] ?? tmpdir(), `fleet-${n}-`));
const sample = await generateFleet(n, join(work, "writer"), join(work, "plain"));
process.stdout.write(`${JSON.stringify(sample)}\n`);
