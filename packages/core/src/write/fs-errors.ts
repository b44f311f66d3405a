import { UserError } from "../errors/index.js";

/** System errors a user can act on, in the user's terms. Anything else stays an internal error. */
const MEANING: Readonly<Record<string, string>> = {
  EROFS: "the file system is read-only",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  ENOSPC: "no space left on the device (or no free inodes)",
  EDQUOT: "the disk quota is exhausted",
  EMFILE: "too many open files (raise the limit with ulimit -n)",
  ENFILE: "too many open files on the system",
  EIO: "an input/output error from the device",
  ENOENT: "it does not exist (was it removed while the generator ran?)",
  ENOTDIR: "a part of the path is not a directory (was it changed while the generator ran?)",
  ENAMETOOLONG: "the path is too long for the file system",
  EBUSY: "the file or directory is busy",
};

const ACTION: Readonly<Record<string, string>> = {
  open: "open",
  read: "read",
  write: "write",
  mkdir: "create the directory",
  rename: "move",
  unlink: "delete",
  rmdir: "remove the directory",
  link: "create",
  lstat: "inspect",
  stat: "inspect",
  scandir: "list",
  fsync: "flush",
  realpath: "resolve",
};

/**
 * Turns an operating-system error of a file-system call (read-only tree, full disk, permissions)
 * into a UserError naming the operation, the path and the cause; returns other errors unchanged.
 * @param context what the run was doing, e.g. "writing the generated files into /repo/generated".
 */
export function explainFsError(error: unknown, context: string): unknown {
  const { code, syscall, path, dest } = (error ?? {}) as NodeJS.ErrnoException & { dest?: string };
  if (code === undefined || !(code in MEANING)) return error;
  const action = syscall === undefined ? "access" : (ACTION[syscall] ?? syscall);
  const target = path === undefined ? "" : ` ${path}${dest === undefined ? "" : ` to ${dest}`}`;
  return new UserError(`${context}: cannot ${action}${target}: ${MEANING[code]} (${code})`);
}
