// SAML artifacts (type 0x0004): 2-byte type code, 2-byte endpoint index,
// 20-byte SourceID (SHA-1 of the makelaar's entityID), 20-byte message handle.
import { createHash, randomBytes } from "node:crypto";

export const ARTIFACT_TYPE = 0x0004;
/** The index of our one ArtifactResolutionService in the metadata. */
export const ARS_INDEX = 0;

export function sourceIdOf(entityID: string): Buffer {
  return createHash("sha1").update(entityID, "utf8").digest();
}

export interface Artifact {
  readonly typeCode: number;
  readonly endpointIndex: number;
  readonly sourceId: Buffer;
  /** The message handle as base64, the key under which the answer is kept. */
  readonly handle: string;
}

export function newArtifact(entityID: string): { artifact: string; handle: string } {
  const handle = randomBytes(20);
  const bytes = Buffer.alloc(44);
  bytes.writeUInt16BE(ARTIFACT_TYPE, 0);
  bytes.writeUInt16BE(ARS_INDEX, 2);
  sourceIdOf(entityID).copy(bytes, 4);
  handle.copy(bytes, 24);
  return { artifact: bytes.toString("base64"), handle: handle.toString("base64") };
}

/** Decodes an artifact; undefined when it is not a well-formed type 0x0004 artifact. */
export function parseArtifact(artifact: string): Artifact | undefined {
  const text = artifact.trim();
  if (!/^[A-Za-z0-9+/]{59}=$/.test(text)) return undefined;
  const bytes = Buffer.from(text, "base64");
  if (bytes.length !== 44 || bytes.readUInt16BE(0) !== ARTIFACT_TYPE) return undefined;
  return {
    typeCode: ARTIFACT_TYPE,
    endpointIndex: bytes.readUInt16BE(2),
    sourceId: bytes.subarray(4, 24),
    handle: bytes.subarray(24, 44).toString("base64"),
  };
}
