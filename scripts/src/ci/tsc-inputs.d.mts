// Types of tsc-inputs.mjs (plain JavaScript, run by the build and typecheck scripts with node).
export declare function stateDir(packageDir: string): string;
export declare function listFiles(dir: string): string[];
export declare function treeDigest(dir: string): string;
export declare function workspaceDependencies(packageDir: string): string[];
export declare function tscInputsDigest(packageDir: string, options?: { root?: string }): string;
export declare function dependenciesBuiltFresh(packageDir: string): boolean;
export declare function workspaceRoot(packageDir: string): string;
export declare function typescriptRequire(packageDir: string): NodeJS.Require;
export declare function checkProject(packageDir: string): string;
export declare function passedRecord(packageDir: string, run: "build" | "typecheck"): string;
export declare function upToDate(packageDir: string, run: "build" | "typecheck", inputs: string): boolean;
export declare function compilerOf(packageDir: string): { bin: string; version: string };
