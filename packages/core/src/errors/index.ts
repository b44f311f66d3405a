/**
 * An error caused by the user's input (inventory, cluster definition, component props) rather than
 * by a bug. The CLI prints only its message (no stack unless --debug), so the message must say
 * what is wrong, where (file, field path, resource) and the offending value.
 */
export class UserError extends Error {
  override readonly name = "UserError";
  /** Individual problems when several were collected in one pass (e.g. inventory validation). */
  readonly problems: readonly string[];

  constructor(message: string, problems: readonly string[] = []) {
    super(problems.length > 0 ? `${message}\n${problems.map((p) => `  - ${p}`).join("\n")}` : message);
    this.problems = problems;
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

/** Formats a value for an error message: strings quoted, everything else as compact JSON. */
export function showValue(value: unknown): string {
  if (value === undefined) return "undefined";
  if (typeof value === "string") return JSON.stringify(value);
  // JSON has no Infinity or NaN and would print null, which is not what the user wrote.
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  try {
    const json = JSON.stringify(value);
    return json.length > 120 ? `${json.slice(0, 117)}...` : json;
  } catch {
    return String(value);
  }
}

/** The parts of `fs.Stats` that say what kind of entry a path is. */
export interface FileTypeStats {
  isFile(): boolean;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
  isFIFO(): boolean;
  isSocket(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
}

/** What a file-system entry is, for messages: "a FIFO (named pipe)", "a character device", ... */
export function describeFileType(stats: FileTypeStats): string {
  if (stats.isSymbolicLink()) return "a symbolic link";
  if (stats.isFIFO()) return "a FIFO (named pipe)";
  if (stats.isSocket()) return "a socket";
  if (stats.isCharacterDevice()) return "a character device";
  if (stats.isBlockDevice()) return "a block device";
  if (stats.isDirectory()) return "a directory";
  if (stats.isFile()) return "a regular file";
  return "neither a regular file nor a directory";
}
