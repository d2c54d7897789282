// Everything about the makelaar's SAML artifacts in one place: their format
// (type 0x0004: 2-byte type code, 2-byte endpoint index, 20-byte SourceID =
// SHA-1 of the makelaar's entityID, 20-byte message handle), and the store
// where an answer waits, for one SP, until it is resolved once or expires.
// saml/answer.ts issues artifacts; saml/ars.ts resolves them.
import { createHash, randomBytes } from "node:crypto";
import { BoundedMap, stringBytes } from "../shared/bounded-map.ts";

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

/** How long an artifact can be resolved after it was issued. */
export const ARTIFACT_LIFETIME_MS = 5 * 60_000;
/** Answers kept waiting at most; the oldest fall out first. */
export const MAX_WAITING_ARTIFACTS = 10_000;
/**
 * The bytes (UTF-8) of the answers kept waiting at most; the oldest fall out
 * first. A usual answer is about 7 KB, so this holds some 4,500 of them.
 */
export const MAX_WAITING_ARTIFACT_BYTES = 32 * 1024 * 1024;

interface WaitingAnswer {
  readonly responseXml: string;
  readonly spEntityID: string;
}

export type Resolution =
  | { readonly ok: true; readonly responseXml: string }
  | { readonly ok: false; readonly problem: string };

/** The answers waiting to be resolved, by message handle; each resolvable once. */
export class ArtifactStore {
  private readonly waiting = new BoundedMap<WaitingAnswer>(
    MAX_WAITING_ARTIFACTS,
    ARTIFACT_LIFETIME_MS,
    undefined,
    {
      maxBytes: MAX_WAITING_ARTIFACT_BYTES,
      sizeOf: (answer) => stringBytes(answer.responseXml, answer.spEntityID),
    },
  );

  /** `issuer` is the makelaar's entityID: its SHA-1 is every artifact's SourceID. */
  constructor(private readonly issuer: string) {}

  /** Keeps the Response for this SP and returns the SAMLart that resolves it. */
  issue(responseXml: string, spEntityID: string, nowMs: number): string {
    const { artifact, handle } = newArtifact(this.issuer);
    this.waiting.set(handle, { responseXml, spEntityID }, nowMs);
    return artifact;
  }

  /** The Response for `requester`, once; after that, or for anyone else, why there is none. */
  resolve(artifact: Artifact, requester: string, nowMs: number): Resolution {
    if (!artifact.sourceId.equals(sourceIdOf(this.issuer))) {
      return { ok: false, problem: "the artifact's SourceID is not this makelaar's" };
    }
    const waiting = this.waiting.get(artifact.handle, nowMs);
    if (!waiting) {
      return { ok: false, problem: "the artifact is unknown, expired or already resolved" };
    }
    if (waiting.spEntityID !== requester) {
      return {
        ok: false,
        problem: `the artifact was issued to ${waiting.spEntityID}, not to ${requester}`,
      };
    }
    this.waiting.take(artifact.handle, nowMs);
    return { ok: true, responseXml: waiting.responseXml };
  }

  /** Whether an answer waits under this artifact's handle (to find its makelaar among namespaces). */
  holds(artifact: Artifact, nowMs: number): boolean {
    return this.waiting.has(artifact.handle, nowMs);
  }

  get size(): number {
    return this.waiting.size;
  }

  /** The UTF-8 bytes of the answers waiting. */
  get bytes(): number {
    return this.waiting.bytes;
  }

  clear(): void {
    this.waiting.clear();
  }
}
