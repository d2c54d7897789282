// Property: whatever arrives at the protocol endpoints, the makelaar answers
// with a 2xx, 3xx or 4xx, never a 5xx, and keeps serving real logins.
import { deflateRawSync } from "node:zlib";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningMakelaar } from "../server.ts";
import type { ServiceProvider } from "../../sp/index.ts";
import { PERSONS, SCHOOL, testServer, testServiceProvider } from "./test-support.ts";

let server: RunningMakelaar;
let sp: ServiceProvider;
let validPost: string;
let validRedirectQuery: string;
let validResolve: string;

beforeAll(async () => {
  server = await testServer();
  sp = await testServiceProvider(server.makelaar);
  server.makelaar.state.autoLogin = { personId: PERSONS.eh3.id, kvk: SCHOOL.kvk };
  const destination = `${server.url}/broker/sso/1.13`;
  validPost = sp.authnRequest({ serviceIndex: 1, binding: "post", destination }).xml;
  validRedirectQuery = new URL(
    sp.authnRequest({ serviceIndex: 1, binding: "redirect", destination, relayState: "r" }).url!,
  ).search.slice(1);
  await sp
    .resolveArtifact("AAQAA".padEnd(59, "A") + "=", {
      arsUrl: `${server.url}/broker/ars/1.13`,
      fetch: (async (_url: string, init: RequestInit) => {
        validResolve = String(init.body);
        return new Response("", { status: 418 });
      }) as typeof fetch,
    })
    .catch(() => undefined);
  expect(validResolve).toContain("<samlp:ArtifactResolve ");
});
afterAll(() => server.stop());

/** A string with one character replaced, removed or doubled. */
const mutated = (text: string) =>
  fc
    .tuple(
      fc.nat({ max: text.length - 1 }),
      fc.constantFrom("replace", "delete", "double"),
      fc.string({ minLength: 1, maxLength: 3 }),
    )
    .map(([at, how, other]) =>
      how === "replace"
        ? text.slice(0, at) + other + text.slice(at + 1)
        : how === "delete"
          ? text.slice(0, at) + text.slice(at + 1)
          : text.slice(0, at) + text[at] + text.slice(at),
    );

const xmlish = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        "<",
        ">",
        "/",
        '"',
        "=",
        "&",
        ";",
        "samlp:AuthnRequest",
        "xmlns:samlp=",
        "<!DOCTYPE",
        "ID",
        "]]>",
      ),
      fc.string({ maxLength: 8 }),
      fc.string({ unit: "binary", maxLength: 4 }),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(""));

const samlRequestValue = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString("base64")),
  xmlish.map((x) => Buffer.from(x).toString("base64")),
  xmlish.map((x) => deflateRawSync(x).toString("base64")),
  fc
    .constant(null)
    .chain(() => mutated(validPost))
    .map((x) => Buffer.from(x).toString("base64")),
);

type Attempt = { method: "GET" | "POST"; path: string; body?: string; contentType?: string };

const attempts: fc.Arbitrary<Attempt> = fc.oneof(
  // Redirect binding: random queries and mutated valid ones.
  fc
    .oneof(
      fc.string({ maxLength: 300 }),
      fc.constant(null).chain(() => mutated(validRedirectQuery)),
    )
    .map((query) => ({
      method: "GET" as const,
      path: `/broker/sso/1.13?${query}`,
    })),
  samlRequestValue.map((value) => ({
    method: "GET" as const,
    path: `/broker/sso/1.13?SAMLRequest=${encodeURIComponent(value)}&SigAlg=x&Signature=${encodeURIComponent(value.slice(0, 20))}`,
  })),
  // POST binding and SLO.
  fc
    .tuple(
      fc.constantFrom("/broker/sso/1.13", "/broker/slo/1.13"),
      samlRequestValue,
      fc.option(fc.string({ maxLength: 120 })),
    )
    .map(([path, value, relayState]) => ({
      method: "POST" as const,
      path,
      contentType: "application/x-www-form-urlencoded",
      body: new URLSearchParams({
        SAMLRequest: value,
        ...(relayState === null ? {} : { RelayState: relayState }),
      }).toString(),
    })),
  fc
    .tuple(
      fc.constantFrom("/broker/sso/1.13", "/broker/ars/1.13", "/broker/slo/1.13"),
      fc.string({ maxLength: 300 }),
      fc.constantFrom(
        "application/x-www-form-urlencoded",
        "text/xml",
        "application/soap+xml",
        "application/json",
        "text/plain",
      ),
    )
    .map(([path, body, contentType]) => ({ method: "POST" as const, path, body, contentType })),
  // SOAP: random and mutated ArtifactResolves.
  fc
    .oneof(
      xmlish,
      fc.constant(null).chain(() => mutated(validResolve)),
    )
    .map((body) => ({
      method: "POST" as const,
      path: "/broker/ars/1.13",
      body,
      contentType: "text/xml",
    })),
);

describe("the protocol endpoints under random input", () => {
  it("never answer 5xx and keep serving logins", async () => {
    let count = 0;
    await fc.assert(
      fc.asyncProperty(attempts, async (attempt) => {
        count++;
        const answer = await fetch(`${server.url}${attempt.path}`, {
          method: attempt.method,
          redirect: "manual",
          ...(attempt.body !== undefined ? { body: attempt.body } : {}),
          ...(attempt.contentType ? { headers: { "content-type": attempt.contentType } } : {}),
        });
        await answer.arrayBuffer();
        expect(answer.status, `${attempt.method} ${attempt.path}`).toBeLessThan(500);
      }),
      { numRuns: 3000 },
    );
    expect(count).toBeGreaterThanOrEqual(3000);
    const metadata = await fetch(`${server.url}/broker/metadata/1.13`);
    expect(metadata.status).toBe(200);
    const login = await fetch(
      sp.authnRequest({
        serviceIndex: 1,
        binding: "redirect",
        destination: `${server.url}/broker/sso/1.13`,
      }).url!,
      { redirect: "manual" },
    );
    expect(login.status).toBe(303);
  }, 120_000);
});
