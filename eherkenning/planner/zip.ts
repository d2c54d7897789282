// A small ZIP reader for spreadsheets: it lists the central directory and
// inflates only the entries asked for, counting what comes out, so a
// decompression bomb stops at the limit instead of filling memory. The
// runtime's own inflater (DecompressionStream "deflate-raw", native code in
// browsers and Node 20) does the inflating when there is one, about ten times
// faster than JavaScript in a page; fflate does it otherwise, and for callers
// that need an answer synchronously. The bounds are ours because fflate's own
// unzip trusts the sizes an archive declares.
import { Inflate, strToU8, zipSync } from "fflate";

export interface ZipLimits {
  /** At most this many entries in the archive. */
  readonly maxEntries: number;
  /** At most this many bytes inflated, over all entries read. */
  readonly maxInflatedBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 10_000,
  maxInflatedBytes: 200 * 1024 * 1024,
};

/** A ZIP that cannot be read, or that would inflate past the limits. */
export class ZipError extends Error {
  override readonly name = "ZipError";
}

interface Entry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly localOffset: number;
  readonly encrypted: boolean;
}

/** Who inflates: the runtime's DecompressionStream, or fflate (JavaScript). */
export type Inflater = "native" | "fflate";

export interface ZipReader {
  readonly names: readonly string[];
  /** The entry's bytes, or undefined when the archive has no such entry; inflated by fflate. */
  read(name: string): Uint8Array | undefined;
  /** The same, inflated by the runtime's DecompressionStream when it has one (see nativeInflater). */
  readAsync(name: string, inflater?: Inflater): Promise<Uint8Array | undefined>;
}

let native: boolean | undefined;

/** "native" when this runtime has DecompressionStream("deflate-raw") (Chromium 80+, Firefox 113+, Node 20), else "fflate". */
export function defaultInflater(): Inflater {
  if (native === undefined) {
    try {
      native =
        typeof DecompressionStream === "function" && !!new DecompressionStream("deflate-raw");
    } catch {
      native = false;
    }
  }
  return native ? "native" : "fflate";
}

const u16 = (b: Uint8Array, at: number): number => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
const u32 = (b: Uint8Array, at: number): number => (u16(b, at) | (u16(b, at + 2) << 16)) >>> 0;

export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

function findEndOfCentralDirectory(bytes: Uint8Array): number {
  const last = bytes.length - 22;
  for (let at = last; at >= 0 && at >= last - 0xffff; at--) {
    if (u32(bytes, at) === 0x06054b50) return at;
  }
  throw new ZipError("not a complete ZIP archive (no end of central directory)");
}

export function openZip(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipReader {
  const end = findEndOfCentralDirectory(bytes);
  const count = u16(bytes, end + 10);
  const directoryOffset = u32(bytes, end + 16);
  if (count === 0xffff || directoryOffset === 0xffffffff)
    throw new ZipError(
      "ZIP64 archives are not supported (a spreadsheet this size is not an overview)",
    );
  if (count > limits.maxEntries)
    throw new ZipError(
      `the archive has ${count} entries, more than the ${limits.maxEntries} allowed`,
    );
  const entries = new Map<string, Entry>();
  const decoder = new TextDecoder();
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (u32(bytes, at) !== 0x02014b50) throw new ZipError("damaged ZIP central directory");
    const nameLength = u16(bytes, at + 28);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    entries.set(name, {
      name,
      encrypted: (u16(bytes, at + 8) & 1) === 1,
      method: u16(bytes, at + 10),
      compressedSize: u32(bytes, at + 20),
      localOffset: u32(bytes, at + 42),
    });
    at += 46 + nameLength + u16(bytes, at + 30) + u16(bytes, at + 32);
  }

  let inflated = 0;
  const budgetLeft = () => limits.maxInflatedBytes - inflated;
  const tooBig = () =>
    new ZipError(
      `the archive inflates to more than ${Math.round(limits.maxInflatedBytes / (1024 * 1024))} MB (a ZIP bomb?)`,
    );

  /** The entry's stored bytes, checked; `stored` when they need no inflating. */
  function entryData(name: string): { data: Uint8Array; stored: boolean } | undefined {
    const entry = entries.get(name);
    if (!entry) return undefined;
    if (entry.encrypted) throw new ZipError(`${name} is encrypted`);
    const local = entry.localOffset;
    if (u32(bytes, local) !== 0x04034b50) throw new ZipError(`damaged ZIP entry ${name}`);
    const start = local + 30 + u16(bytes, local + 26) + u16(bytes, local + 28);
    const data = bytes.subarray(start, start + entry.compressedSize);
    if (data.length !== entry.compressedSize) throw new ZipError(`ZIP entry ${name} is cut off`);
    if (entry.method === 0) {
      if (data.length > budgetLeft()) throw tooBig();
      inflated += data.length;
      return { data, stored: true };
    }
    if (entry.method !== 8)
      throw new ZipError(`ZIP entry ${name} uses compression method ${entry.method}`);
    return { data, stored: false };
  }

  return {
    names: [...entries.keys()],
    read(name) {
      const found = entryData(name);
      if (!found || found.stored) return found?.data;
      return inflateBounded(found.data, name);
    },
    async readAsync(name, inflater = defaultInflater()) {
      const found = entryData(name);
      if (!found || found.stored) return found?.data;
      return inflater === "native"
        ? inflateNative(found.data, name)
        : inflateBounded(found.data, name);
    },
  };

  // DecompressionStream hands out the output in chunks of some 64 KB, so a
  // bomb is stopped (and the stream cancelled) one chunk past the limit.
  async function inflateNative(data: Uint8Array, name: string): Promise<Uint8Array> {
    const reader = new Blob([data as Uint8Array<ArrayBuffer>])
      .stream()
      .pipeThrough(new DecompressionStream("deflate-raw"))
      .getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        // Counted as it comes, so entries read at the same time share the budget.
        if (value.length > budgetLeft()) {
          void reader.cancel().catch(() => undefined);
          throw tooBig();
        }
        inflated += value.length;
        size += value.length;
        chunks.push(value);
      }
    } catch (error) {
      if (error instanceof ZipError) throw error;
      throw new ZipError(`ZIP entry ${name} cannot be inflated: ${(error as Error).message}`);
    }
    return joinChunks(chunks, size);
  }

  function inflateBounded(data: Uint8Array, name: string): Uint8Array {
    const chunks: Uint8Array[] = [];
    let size = 0;
    let done = false;
    const inflate = new Inflate((chunk, final) => {
      size += chunk.length;
      if (size > budgetLeft()) throw tooBig();
      chunks.push(chunk);
      if (final) done = true;
    });
    // Deflate expands at most about 1,032 times, so a 64 KB slice yields at
    // most ~66 MB before the count above is checked again.
    const SLICE = 64 * 1024;
    try {
      for (let i = 0; i < data.length && !done; i += SLICE) {
        const last = i + SLICE >= data.length;
        inflate.push(data.subarray(i, i + SLICE), last);
      }
    } catch (error) {
      if (error instanceof ZipError) throw error;
      throw new ZipError(`ZIP entry ${name} cannot be inflated: ${(error as Error).message}`);
    }
    inflated += size;
    return joinChunks(chunks, size);
  }
}

function joinChunks(chunks: readonly Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/** A ZIP archive of text entries (for writing XLSX). */
export function writeZip(files: Readonly<Record<string, string>>): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (const [name, text] of Object.entries(files)) entries[name] = strToU8(text);
  // A fixed date: the same input gives the same bytes.
  return zipSync(entries, { level: 6, mtime: new Date("2000-01-01T00:00:00Z") });
}
