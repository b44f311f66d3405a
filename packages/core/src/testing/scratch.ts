import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** Writes `files` (relative path → content) below `dir`, creating folders as needed. */
export function writeFileMap(dir: string, files: Readonly<Record<string, string>>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
}

export interface ScratchDirs {
  /** A new empty directory in the system temp folder. */
  make(): string;
  /** A new directory holding `files`. */
  withFiles(files: Readonly<Record<string, string>>): string;
  /** Removes every directory made so far; pass it to `afterEach` or `afterAll`. */
  cleanup(): void;
}

/** Temporary directories for one test file, named `<prefix>XXXXXX` and removed together. */
export function scratchDirs(prefix: string): ScratchDirs {
  const dirs: string[] = [];
  const make = (): string => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  };
  return {
    make,
    withFiles(files) {
      const dir = make();
      writeFileMap(dir, files);
      return dir;
    },
    cleanup() {
      for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}
