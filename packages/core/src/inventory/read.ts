import { constants } from "node:fs";
import { lstat, open, realpath } from "node:fs/promises";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { describeFileType, showValue, UserError } from "../errors/index.js";
import type { InventorySource } from "./parse.js";

/** An inventory is a few kilobytes; anything over this is refused before it is read. */
export const MAX_INVENTORY_BYTES = 1024 * 1024;

export interface ReadInventoryOptions {
  /**
   * The repository: an inventory file that is a symbolic link resolving outside it is refused
   * unread. @default no restriction on link targets
   */
  readonly root?: string | undefined;
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

/** Offset of the first byte that is not part of a well-formed UTF-8 sequence, or undefined. */
export function invalidUtf8Offset(bytes: Uint8Array): number | undefined {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index] as number;
    if (lead < 0x80) {
      index++;
      continue;
    }
    // Continuation count and smallest code point per lead byte (RFC 3629 section 4): no
    // overlong forms, no surrogates, nothing above U+10FFFF.
    const length = lead >= 0xc2 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2 : lead >= 0xf0 && lead <= 0xf4 ? 3 : 0;
    if (length === 0) return index;
    let codePoint = lead & (0x3f >> length);
    for (let next = 1; next <= length; next++) {
      const byte = bytes[index + next];
      if (byte === undefined || (byte & 0xc0) !== 0x80) return index;
      codePoint = (codePoint << 6) | (byte & 0x3f);
    }
    const minimum = [0, 0x80, 0x800, 0x10000][length] as number;
    if (codePoint < minimum || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return index;
    index += length + 1;
  }
  return undefined;
}

/**
 * Decodes UTF-8 strictly (`TextDecoder` with `fatal: true`, as the WHATWG Encoding standard
 * defines it); on a malformed byte the error says `file:line:col` and the byte, never the content.
 */
export function decodeInventoryText(path: string, bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const offset = invalidUtf8Offset(bytes) ?? 0;
    const lineStart = bytes.lastIndexOf(0x0a, offset - 1) + 1;
    const line = bytes.subarray(0, offset).filter((byte) => byte === 0x0a).length + 1;
    const col = [...new TextDecoder().decode(bytes.subarray(lineStart, offset))].length + 1;
    const byte = (bytes[offset] ?? 0).toString(16).toUpperCase().padStart(2, "0");
    throw new UserError(`${path}:${line}:${col}: not valid UTF-8 (byte 0x${byte}); save the inventory as UTF-8`);
  }
}

async function readOne(path: string, root: string | undefined): Promise<InventorySource> {
  const fail = (why: string): never => {
    throw new UserError(`cannot read inventory file ${path}: ${why}`);
  };
  // A path given inside the repository must stay there once links (the file or any folder above
  // it) are resolved; a path given outside it is the caller's explicit choice.
  if (root !== undefined && isInside(resolve(root), resolve(path))) {
    const [target, realRoot] = await Promise.all([realpath(path), realpath(root)]);
    if (!isInside(realRoot, target)) {
      const how = (await lstat(path)).isSymbolicLink() ? "is a symbolic link" : "lies in a linked folder that leads";
      fail(`it ${how} to ${showValue(target)}, outside the repository ${realRoot}; refusing to read it`);
    }
  }
  // O_NONBLOCK: a FIFO must not hang the run; fstat then refuses it before any read.
  const handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) fail(`it is ${describeFileType(stats)}, not a regular file; refusing to read it`);
    if (stats.size > MAX_INVENTORY_BYTES) {
      fail(`it is ${stats.size} bytes, more than the ${MAX_INVENTORY_BYTES} bytes an inventory may have`);
    }
    const bytes = await handle.readFile();
    if (bytes.length > MAX_INVENTORY_BYTES) fail(`it grew past ${MAX_INVENTORY_BYTES} bytes while being read`);
    return { path, text: decodeInventoryText(path, bytes) };
  } finally {
    await handle.close();
  }
}

/**
 * Reads inventory files as they are; `path` is kept as given, for messages. Devices, FIFOs,
 * sockets, directories, files over {@link MAX_INVENTORY_BYTES}, links out of `options.root` and
 * malformed UTF-8 are refused with a UserError that never quotes the file's content.
 */
export async function readInventoryFiles(
  paths: readonly string[],
  options: ReadInventoryOptions = {},
): Promise<InventorySource[]> {
  return Promise.all(
    paths.map(async (path) => {
      try {
        return await readOne(path, options.root);
      } catch (error) {
        if (error instanceof UserError) throw error;
        const { code } = error as NodeJS.ErrnoException;
        const why = code === "ENOENT" ? "it does not exist" : code === "EACCES" ? "permission denied" : (error as Error).message;
        throw new UserError(`cannot read inventory file ${path}: ${why}`);
      }
    }),
  );
}
