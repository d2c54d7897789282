import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { MAKELAAR_ENTITY_ID } from "./app.ts";
import {
  ArtifactStore,
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
});
