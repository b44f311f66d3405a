// Types of bench-ci.mjs, which stays JavaScript like the other scripts that run before TypeScript tooling.
export declare const targets: { readonly coldSeconds: number; readonly unchangedSeconds: number; readonly oneComponentRatio: number };
export declare function turboSummary(output: string): { cached: number; total: number } | undefined;
export declare function verdicts(seconds: { cold: number; unchanged: number; oneComponent: number }): string[];
