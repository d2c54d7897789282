// Text files from Excel and DUO come in three encodings: UTF-8 (with or without
// a byte order mark), UTF-16 (Excel's "Unicode text") and Windows-1252 (older
// Dutch Excel's CSV). Valid UTF-8 is read as UTF-8, anything else as 1252:
// a 1252 file with accented letters is almost never valid UTF-8 by chance.

export type TextEncoding = "utf-8" | "utf-8-bom" | "utf-16le" | "utf-16be" | "windows-1252";

// 0x80-0x9F in Windows-1252; the rest of the byte range equals Latin-1 (and so
// the Unicode code point). Undefined bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D) stay
// as their C1 code point, as browsers do.
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152,
  0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122,
  0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

export function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK = 8192;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(start + CHUNK, bytes.length);
    const codes = new Array<number>(end - start);
    for (let i = start; i < end; i++) {
      const b = bytes[i] as number;
      codes[i - start] = b >= 0x80 && b <= 0x9f ? (CP1252_HIGH[b - 0x80] as number) : b;
    }
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join("");
}

export interface DecodedText {
  readonly text: string;
  readonly encoding: TextEncoding;
}

export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const body = bytes.subarray(3);
    const text = tryUtf8(body);
    return text === undefined
      ? { text: decodeWindows1252(body), encoding: "windows-1252" }
      : { text, encoding: "utf-8-bom" };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-16le" };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "utf-16be" };
  const text = tryUtf8(bytes);
  return text === undefined
    ? { text: decodeWindows1252(bytes), encoding: "windows-1252" }
    : { text, encoding: "utf-8" };
}

function tryUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
