// Artifact resolution over mutual TLS, as production DVs resolve artifacts
// (EHERKENNING.md: "Production DVs resolve artifacts over TLS with a client
// certificate"). When the makelaar runs with it (startServer's mutualTls),
// an ArtifactResolve must arrive on the HTTPS listener with a client
// certificate that the SP's metadata holds; anything else is refused with
// 403 and a SOAP fault that names the problem, and logged. Without it the
// ARS is plain HTTP, for quick local use.
import { createHash } from "node:crypto";
import { TLSSocket } from "node:tls";
import type { Request } from "express";
import type { Makelaar } from "../makelaar.ts";
import { RequestRefused } from "./checks.ts";
import type { ServiceProviderMetadata } from "./sp-registration.ts";

const FORBIDDEN = 403;

function sha256(der: Buffer): string {
  return createHash("sha256").update(der).digest("hex");
}

/**
 * Checks the TLS client certificate of an ArtifactResolve from `metadata`'s
 * SP and returns a note for the request log; undefined when mutual TLS is off.
 */
export function checkClientCertificate(
  makelaar: Makelaar,
  req: Request,
  metadata: ServiceProviderMetadata,
): string | undefined {
  if (!makelaar.mutualTls) return undefined;
  const { arsUrl } = makelaar.mutualTls;
  const socket = req.socket;
  if (!(socket instanceof TLSSocket)) {
    throw new RequestRefused(
      `This makelaar resolves artifacts only over mutual TLS, at ${arsUrl}, not over plain HTTP.`,
      FORBIDDEN,
    );
  }
  const presented = socket.getPeerCertificate();
  if (!presented.raw) {
    throw new RequestRefused(
      `No TLS client certificate was presented; artifact resolution needs one of the certificates in the metadata of ${metadata.entityID}.`,
      FORBIDDEN,
    );
  }
  const known = new Set([...metadata.signingCertificates, ...metadata.encryptionCertificates]);
  if (!known.has(presented.raw.toString("base64"))) {
    throw new RequestRefused(
      `The TLS client certificate (SHA-256 ${sha256(presented.raw)}, subject CN ${String(presented.subject.CN)}) is not in the metadata of ${metadata.entityID}.`,
      FORBIDDEN,
    );
  }
  return `mutual TLS: client certificate SHA-256 ${sha256(presented.raw)} from the metadata of ${metadata.entityID}`;
}
