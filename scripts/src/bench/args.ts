import { parseArgs } from "node:util";

export const sections = ["reference", "fleet", "compare", "verify"] as const;
export type Section = (typeof sections)[number];

export interface BenchArgs {
  /** Cold process runs per reference measurement. */
  readonly runs: number;
  /** Fleet sizes, each in its own child process. */
  readonly fleet: readonly number[];
  /** Child runs per fleet size; undefined: 3 for sizes up to 10, 1 above (keeps the bench near a minute). */
  readonly fleetRuns: number | undefined;
  readonly sections: readonly Section[];
  readonly json: boolean;
  /** Where the generated trees go; undefined: the OS temp dir. A tmpfs (/dev/shm) takes the disk out of the figures. */
  readonly scratch: string | undefined;
}

export const benchUsage = `Usage: pnpm bench [--runs N] [--fleet 1,10,50,100] [--fleet-runs N] [--only reference,fleet,compare,verify] [--scratch DIR] [--json]
`;

function positiveInt(flag: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} ${JSON.stringify(text)}: expected a positive integer\n${benchUsage}`);
  return n;
}

/** @throws Error naming the flag and the bad value. */
export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const { values } = parseArgs({
    args: argv.filter((arg) => arg !== "--"),
    options: {
      runs: { type: "string", default: "5" },
      fleet: { type: "string", default: "1,10,50,100" },
      "fleet-runs": { type: "string" },
      only: { type: "string", default: sections.join(",") },
      json: { type: "boolean", default: false },
      scratch: { type: "string" },
    },
    strict: true,
    allowPositionals: false,
  });
  const only = values.only.split(",").map((s) => s.trim());
  const unknown = only.filter((s) => !(sections as readonly string[]).includes(s));
  if (unknown.length > 0) throw new Error(`--only ${unknown.join(",")}: expected some of ${sections.join(", ")}\n${benchUsage}`);
  return {
    runs: positiveInt("--runs", values.runs),
    fleet: [...new Set(values.fleet.split(",").map((s) => positiveInt("--fleet", s.trim())))].sort((a, b) => a - b),
    fleetRuns: values["fleet-runs"] === undefined ? undefined : positiveInt("--fleet-runs", values["fleet-runs"]),
    sections: sections.filter((s) => only.includes(s)),
    json: values.json,
    scratch: values.scratch,
  };
}
