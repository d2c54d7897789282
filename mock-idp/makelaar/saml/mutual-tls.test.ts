// Artifact resolution over mutual TLS, with real TLS connections: a listening
// makelaar started with mutualTls, and an SP (our sp/ library) whose
// ArtifactResolve goes over node:https with a TLS client certificate. Every
// certificate here is a generated TEST certificate.
import { request as httpsRequest } from "node:https";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningMakelaar } from "../server.ts";
import { testKeyPair, type TestKeyPair } from "../../saml-core/keys.ts";
import type { ServiceProvider } from "../../sp/index.ts";
import { PERSONS, SCHOOL, testServer, testServiceProvider, testWorld } from "./test-support.ts";

let running: RunningMakelaar;
let sp: ServiceProvider;
let spCertificate: TestKeyPair;
let stranger: TestKeyPair;

beforeAll(async () => {
  running = await startServer({ world: testWorld(), mutualTls: true });
  sp = await testServiceProvider(running.makelaar);
  // The SP presents the certificate its metadata names for signing.
  spCertificate = sp.keys.signing;
  stranger = await testKeyPair("mtls-stranger", {
    commonName: "eh-overstap test TLS client not in any metadata",
  });
});

afterAll(async () => {
  await running.stop();
});

/** A fetch over node:https that trusts the makelaar's TEST server certificate and presents `client`. */
function tlsFetch(client: TestKeyPair | undefined): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    return new Promise<Response>((resolve, reject) => {
      const call = httpsRequest(
        url,
        {
          method: init?.method ?? "GET",
          headers: Object.fromEntries(new Headers(init?.headers).entries()),
          ca: running.mutualTls!.serverCertificatePem,
          agent: false,
          ...(client ? { key: client.privateKeyPem, cert: client.certificatePem } : {}),
        },
        (answer) => {
          const chunks: Buffer[] = [];
          answer.on("data", (chunk: Buffer) => chunks.push(chunk));
          answer.on("end", () =>
            resolve(
              new Response(Buffer.concat(chunks).toString("utf8"), {
                status: answer.statusCode ?? 0,
                headers: { "content-type": String(answer.headers["content-type"] ?? "") },
              }),
            ),
          );
        },
      );
      call.on("error", reject);
      call.end(init?.body === undefined || init.body === null ? undefined : String(init.body));
    });
  }) as typeof fetch;
}

/** A login by auto-login over the plain HTTP SSO; returns the SAMLart. */
async function artifact(): Promise<string> {
  running.makelaar.state.autoLogin = { personId: PERSONS.eh3.id, kvk: SCHOOL.kvk };
  const message = sp.authnRequest({
    serviceIndex: 1,
    binding: "redirect",
    destination: `${running.url}/broker/sso/1.13`,
  });
  const url = new URL(message.url!);
  const answer = await fetch(`${running.url}${url.pathname}${url.search}`, { redirect: "manual" });
  const samlArt = new URL(answer.headers.get("location")!).searchParams.get("SAMLart");
  expect(samlArt).toBeTruthy();
  return samlArt!;
}

function lastArsLog() {
  return running.makelaar.state.requests.filter((r) => r.kind === "ArtifactResolve").at(-1)!;
}

describe("artifact resolution over mutual TLS", () => {
  it("lists only the HTTPS ARS in the metadata, at index 0 and 1", async () => {
    const metadata = await (await fetch(`${running.url}/broker/metadata/1.13`)).text();
    const locations = [
      ...metadata.matchAll(/<md:ArtifactResolutionService [^>]*Location="([^"]+)"/g),
    ];
    expect(locations.map((m) => m[1])).toEqual([
      running.mutualTls!.arsUrl,
      running.mutualTls!.arsUrl,
    ]);
    expect(running.mutualTls!.arsUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/broker\/ars\/1\.13$/);
  });

  it("resolves for a client certificate from the SP's metadata, and logs which", async () => {
    const result = await sp.resolveArtifact(await artifact(), {
      arsUrl: running.mutualTls!.arsUrl,
      fetch: tlsFetch(spCertificate),
    });
    expect(result.ok, JSON.stringify(result)).toBe(true);
    if (result.ok) expect(result.level).toBe("EH3");
    expect(lastArsLog().notes).toContain(
      `mutual TLS: client certificate SHA-256 ${spCertificate.fingerprintSha256} from the metadata of ${sp.metadataXml.match(/entityID="([^"]+)"/)![1]}`,
    );
  });

  it("refuses a client certificate the SP's metadata does not hold, with 403, and leaves the artifact unresolved", async () => {
    const samlArt = await artifact();
    const refused = sp.resolveArtifact(samlArt, {
      arsUrl: running.mutualTls!.arsUrl,
      fetch: tlsFetch(stranger),
    });
    // The SP library quotes the start of the SOAP fault; the log has all of it.
    await expect(refused).rejects.toThrow(/HTTP 403: .*The TLS client certificate \(SHA-256/);
    expect(lastArsLog().errors[0]).toMatch(
      new RegExp(
        `^The TLS client certificate \\(SHA-256 ${stranger.fingerprintSha256}, subject CN .*TEST KEY.*\\) is not in the metadata of `,
      ),
    );
    // The refusal spent nothing: the rightful client still resolves it.
    const result = await sp.resolveArtifact(samlArt, {
      arsUrl: running.mutualTls!.arsUrl,
      fetch: tlsFetch(spCertificate),
    });
    expect(result.ok).toBe(true);
  });

  it("refuses a client that presents no certificate, with 403", async () => {
    await expect(
      sp.resolveArtifact(await artifact(), {
        arsUrl: running.mutualTls!.arsUrl,
        fetch: tlsFetch(undefined),
      }),
    ).rejects.toThrow(/HTTP 403: .*No TLS client certificate was presented/);
    expect(lastArsLog().errors[0]).toMatch(/No TLS client certificate was presented/);
  });

  it("refuses artifact resolution over plain HTTP, naming the HTTPS ARS", async () => {
    await expect(
      sp.resolveArtifact(await artifact(), { arsUrl: `${running.url}/broker/ars/1.13` }),
    ).rejects.toThrow(
      /HTTP 403: .*resolves artifacts only over mutual TLS, at https:\/\/127\.0\.0\.1:\d+\/broker\/ars\/1\.13/,
    );
  });

  it("serves nothing but the ARS on the TLS port", async () => {
    const answer = await tlsFetch(spCertificate)(
      running.mutualTls!.arsUrl.replace("/broker/ars/1.13", "/broker/metadata/1.13"),
    );
    expect(answer.status).toBe(404);
    expect(await answer.text()).toContain("Only artifact resolution");
  });
});

describe("without mutual TLS", () => {
  it("resolves over plain HTTP and has no HTTPS ARS", async () => {
    const plain = await testServer();
    try {
      expect(plain.mutualTls).toBeNull();
      const plainSp = await testServiceProvider(plain.makelaar);
      plain.makelaar.state.autoLogin = { personId: PERSONS.eh3.id, kvk: SCHOOL.kvk };
      const message = plainSp.authnRequest({
        serviceIndex: 1,
        binding: "redirect",
        destination: `${plain.url}/broker/sso/1.13`,
      });
      const url = new URL(message.url!);
      const redirect = await fetch(`${plain.url}${url.pathname}${url.search}`, {
        redirect: "manual",
      });
      const samlArt = new URL(redirect.headers.get("location")!).searchParams.get("SAMLart")!;
      const result = await plainSp.resolveArtifact(samlArt, {
        arsUrl: `${plain.url}/broker/ars/1.13`,
      });
      expect(result.ok).toBe(true);
    } finally {
      await plain.stop();
    }
  });
});
