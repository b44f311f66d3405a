import { gunzipSync } from "node:zlib";

const blockSize = 512;

function readString(block: Uint8Array, offset: number, length: number): string {
  const bytes = block.subarray(offset, offset + length);
  const end = bytes.indexOf(0);
  return Buffer.from(end < 0 ? bytes : bytes.subarray(0, end)).toString("utf8");
}

/** PAX extended header records (`<len> <key>=<value>\n`); only `path` matters here. */
function paxPath(data: Uint8Array): string | undefined {
  for (const line of Buffer.from(data).toString("utf8").split("\n")) {
    const match = /^\d+ path=(.*)$/.exec(line);
    if (match !== null) return match[1];
  }
  return undefined;
}

/** One regular file of a tar archive. */
export interface TarEntry {
  /** The member's path inside the archive, without a leading `./`. */
  readonly path: string;
  readonly data: Uint8Array;
}

/** Every regular file of an uncompressed tar archive, in archive order (ustar prefix, GNU long names, PAX `path`). */
function* tarEntries(tar: Uint8Array): Generator<TarEntry> {
  let offset = 0;
  let longName: string | undefined;
  while (offset + blockSize <= tar.length) {
    const header = tar.subarray(offset, offset + blockSize);
    if (header.every((byte) => byte === 0)) return;
    const size = Number.parseInt(readString(header, 124, 12).trim() || "0", 8);
    const type = String.fromCharCode(header[156] ?? 0);
    const dataStart = offset + blockSize;
    const data = tar.subarray(dataStart, dataStart + size);
    offset = dataStart + Math.ceil(size / blockSize) * blockSize;
    if (type === "L") {
      longName = readString(data, 0, data.length);
      continue;
    }
    if (type === "x") {
      longName = paxPath(data) ?? longName;
      continue;
    }
    const prefix = readString(header, 345, 155);
    const name = longName ?? (prefix === "" ? readString(header, 0, 100) : `${prefix}/${readString(header, 0, 100)}`);
    longName = undefined;
    if (type === "0" || type === "\0") yield { path: name.replace(/^\.\//, ""), data };
  }
}

/**
 * Reads one file from a gzipped tar archive (a packaged Helm chart), or undefined when the archive
 * has no such member. Supports ustar names with prefix, GNU long names and PAX `path` records.
 */
export function extractFromTgz(archive: Uint8Array, member: string): Uint8Array | undefined {
  for (const entry of tarEntries(gunzipSync(archive))) if (entry.path === member) return new Uint8Array(entry.data);
  return undefined;
}

/** Every regular file of a gzipped tar archive (a packaged Helm chart), in archive order. */
export function readTgz(archive: Uint8Array): TarEntry[] {
  return [...tarEntries(gunzipSync(archive))].map((entry) => ({ path: entry.path, data: new Uint8Array(entry.data) }));
}
