import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { MAKELAAR_ENTITY_ID } from "./app.ts";
import {
  ARTIFACT_LIFETIME_MS,
  ArtifactStore,
  MAX_WAITING_ARTIFACTS,
  MAX_WAITING_ARTIFACT_BYTES,
  newArtifact,
  parseArtifact,
} from "./artifacts.ts";

describe("SAML artifacts", () => {
  it("are type 0x0004 with endpoint index 0, SourceID = SHA-1 of the entityID and a 20-byte handle", () => {
    const { artifact, handle } = newArtifact(MAKELAAR_ENTITY_ID);
    const bytes = Buffer.from(artifact, "base64");
    expect(bytes).toHaveLength(44);
    expect(bytes.readUInt16BE(0)).toBe(0x0004);
    expect(bytes.readUInt16BE(2)).toBe(0);
    expect(bytes.subarray(4, 24)).toEqual(createHash("sha1").update(MAKELAAR_ENTITY_ID).digest());
    expect(bytes.subarray(24).toString("base64")).toBe(handle);
    expect(parseArtifact(artifact)).toMatchObject({ typeCode: 4, endpointIndex: 0, handle });
  });

  it("never repeat a handle", () => {
    const handles = new Set(Array.from({ length: 1000 }, () => newArtifact("x").handle));
    expect(handles.size).toBe(1000);
  });

  it("refuse what is not a type 0x0004 artifact", () => {
    const other = Buffer.alloc(44);
    other.writeUInt16BE(0x0005, 0);
    for (const text of ["", "abc", other.toString("base64"), "A".repeat(59) + "!"]) {
      expect(parseArtifact(text)).toBeUndefined();
    }
  });

  it(`are kept waiting up to ${MAX_WAITING_ARTIFACT_BYTES / 1024 / 1024} MB, the oldest falling out first`, () => {
    const store = new ArtifactStore(MAKELAAR_ENTITY_ID);
    const answer = "x".repeat(64 * 1024);
    const first = parseArtifact(store.issue(answer, "sp", 0))!;
    for (let i = 0; i < 1000; i++) store.issue(answer, "sp", 0);
    expect(store.bytes).toBeLessThanOrEqual(MAX_WAITING_ARTIFACT_BYTES);
    expect(store.bytes).toBeGreaterThan(MAX_WAITING_ARTIFACT_BYTES - 66 * 1024);
    expect(store.size).toBe(Math.floor(MAX_WAITING_ARTIFACT_BYTES / (64 * 1024 + 2)));
    expect(store.resolve(first, "sp", 0)).toEqual({
      ok: false,
      problem: "the artifact is unknown, expired or already resolved",
    });
  });

  it("read the endpoint index and tolerate white space around the artifact (a line-wrapped SOAP body)", () => {
    const bytes = Buffer.from(newArtifact(MAKELAAR_ENTITY_ID).artifact, "base64");
    bytes.writeUInt16BE(7, 2);
    const artifact = bytes.toString("base64");
    expect(parseArtifact(`\n  ${artifact}\n`)).toMatchObject({ typeCode: 4, endpointIndex: 7 });
  });

  it("refuse an artifact with any character outside base64 in or around it, which Node's decoder would skip", () => {
    const { artifact } = newArtifact(MAKELAAR_ENTITY_ID);
    for (const text of [
      `!${artifact}`,
      `${artifact}!`,
      `${artifact.slice(0, 30)}!${artifact.slice(30)}`,
    ]) {
      expect(Buffer.from(text, "base64").equals(Buffer.from(artifact, "base64"))).toBe(true);
      expect(parseArtifact(text)).toBeUndefined();
    }
    expect(parseArtifact(artifact.slice(0, 59) + "A")).toBeUndefined();
  });
});

describe("the artifact store", () => {
  const issuer = MAKELAAR_ENTITY_ID;

  it("gives the Response once, to the SP it was issued to; the second resolve finds nothing", () => {
    const store = new ArtifactStore(issuer);
    const artifact = parseArtifact(store.issue("<Response/>", "https://dv.test", 0))!;
    expect(store.holds(artifact, 0)).toBe(true);
    expect(store.resolve(artifact, "https://dv.test", 1)).toEqual({
      ok: true,
      responseXml: "<Response/>",
    });
    expect(store.holds(artifact, 1)).toBe(false);
    expect(store.size).toBe(0);
    expect(store.resolve(artifact, "https://dv.test", 2)).toEqual({
      ok: false,
      problem: "the artifact is unknown, expired or already resolved",
    });
  });

  it("refuses another SP, naming both, and keeps the Response for the SP it was issued to", () => {
    const store = new ArtifactStore(issuer);
    const artifact = parseArtifact(store.issue("<Response/>", "https://dv.test", 0))!;
    expect(store.resolve(artifact, "https://other.test", 0)).toEqual({
      ok: false,
      problem: "the artifact was issued to https://dv.test, not to https://other.test",
    });
    expect(store.resolve(artifact, "https://dv.test", 0)).toMatchObject({ ok: true });
  });

  it("refuses an artifact whose SourceID is another makelaar's, even when its handle waits here", () => {
    const store = new ArtifactStore(issuer);
    const artifact = parseArtifact(store.issue("<Response/>", "https://dv.test", 0))!;
    const foreign = {
      ...artifact,
      sourceId: createHash("sha1").update("https://other.test").digest(),
    };
    expect(store.resolve(foreign, "https://dv.test", 0)).toEqual({
      ok: false,
      problem: "the artifact's SourceID is not this makelaar's",
    });
    expect(store.holds(artifact, 0)).toBe(true);
  });

  it(`can be resolved for ${ARTIFACT_LIFETIME_MS / 60_000} minutes after it was issued, not at that moment`, () => {
    const store = new ArtifactStore(issuer);
    const early = parseArtifact(store.issue("<A/>", "sp", 1000))!;
    const late = parseArtifact(store.issue("<B/>", "sp", 1000))!;
    expect(store.resolve(early, "sp", 1000 + ARTIFACT_LIFETIME_MS - 1)).toMatchObject({ ok: true });
    expect(store.holds(late, 1000 + ARTIFACT_LIFETIME_MS)).toBe(false);
    expect(store.resolve(late, "sp", 1000 + ARTIFACT_LIFETIME_MS)).toMatchObject({ ok: false });
  });

  it(`keeps at most ${MAX_WAITING_ARTIFACTS} answers waiting, the oldest falling out first`, () => {
    const store = new ArtifactStore(issuer);
    const first = parseArtifact(store.issue("<A/>", "sp", 0))!;
    for (let i = 0; i < MAX_WAITING_ARTIFACTS; i++) store.issue("<B/>", "sp", 0);
    expect(store.size).toBe(MAX_WAITING_ARTIFACTS);
    expect(store.holds(first, 0)).toBe(false);
  });

  it("counts the UTF-8 bytes of each answer and its SP, and is empty after clear", () => {
    const store = new ArtifactStore(issuer);
    store.issue("<é/>", "sp", 0);
    expect(store.bytes).toBe(Buffer.byteLength("<é/>sp", "utf8"));
    store.clear();
    expect([store.size, store.bytes]).toEqual([0, 0]);
  });
});
