// Types of tsc-build.mjs, which stays JavaScript: each package's `build` script runs it with plain node.
export declare function stateDir(packageDir: string): string;
export declare function listFiles(dir: string): string[];
export declare function treeDigest(dir: string): string;
export declare function build(packageDir: string, options?: { copy?: readonly string[]; log?: (line: string) => void }): number;
