// Types of tsc-check.mjs, which stays JavaScript: each package's `typecheck` script runs it with plain node.
export declare function typecheck(packageDir: string, options?: { log?: (line: string) => void }): number;
