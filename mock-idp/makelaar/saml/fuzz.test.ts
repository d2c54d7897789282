// Properties under random input. The makelaar: whatever arrives at the
// protocol endpoints, it answers with a 2xx, 3xx or 4xx, never a 5xx, and
// keeps serving real logins. The SP library: a tampered answer is accepted
// only if its meaning (subject, level, attributes, InResponseTo) is unchanged.
import { deflateRawSync } from "node:zlib";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { entityId, TEST_ENTITY_INDEX } from "../../../eherkenning/index.ts";
import { inventedOin } from "../../../eherkenning/fixtures/catalogue.ts";
import { DecryptionError } from "../../saml-core/encryption.ts";
import { SignatureError } from "../../saml-core/signature.ts";
import { XmlError } from "../../saml-core/xml.ts";
import type { RunningMakelaar } from "../server.ts";
import { ServiceProviderError, type LoginResult, type ServiceProvider } from "../../sp/index.ts";
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

/** What a login means to the service: everything of a result but the XML it came in. */
function meaning(result: LoginResult): unknown {
  if (!result.ok) return result;
  const { responseXml: _xml, ...rest } = result;
  return rest;
}

/** The SP library's own refusals; anything else thrown would be a crash (a 500 in a site). */
const isRefusal = (error: unknown) =>
  error instanceof ServiceProviderError ||
  error instanceof SignatureError ||
  error instanceof XmlError ||
  error instanceof DecryptionError;

describe("the SP library under tampered answers", () => {
  let postSp: ServiceProvider;
  let original: string;
  let requestId: string;
  let originalMeaning: unknown;

  beforeAll(async () => {
    postSp = await testServiceProvider(server.makelaar, {
      acsBinding: "post",
      entityID: entityId("DV", inventedOin(10), TEST_ENTITY_INDEX + 1),
    });
    const message = postSp.authnRequest({
      serviceIndex: 1,
      binding: "post",
      destination: `${server.url}/broker/sso/1.13`,
    });
    requestId = message.id;
    const answer = await fetch(message.form!.action, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(message.form!.fields).toString(),
    });
    const field = /name="SAMLResponse" value="([^"]+)"/.exec(await answer.text())?.[1];
    if (!field) throw new Error("The makelaar sent no SAMLResponse by POST");
    original = Buffer.from(field, "base64").toString("utf8");
    const result = await postSp.readPostResponse(field);
    expect(result).toMatchObject({ ok: true, level: "EH3", inResponseTo: requestId });
    originalMeaning = meaning(result);
  });

  /** Reads a tampered answer as the SP would, waiting for its request again first. */
  async function readTampered(xml: string): Promise<LoginResult | "refused"> {
    postSp.authnRequest({
      serviceIndex: 1,
      binding: "post",
      destination: `${server.url}/broker/sso/1.13`,
      id: requestId,
    });
    try {
      return await postSp.readPostResponse(Buffer.from(xml, "utf8").toString("base64"));
    } catch (error) {
      if (isRefusal(error)) return "refused";
      throw error;
    }
  }

  /** Offsets of the characters of text content and attribute values (not markup). */
  const contentOffsets = (xml: string): number[] => {
    const offsets: number[] = [];
    let inTag = false;
    let quote = "";
    for (let i = 0; i < xml.length; i++) {
      const c = xml[i]!;
      if (inTag) {
        if (quote) {
          if (c === quote) quote = "";
          else if (c !== "&") offsets.push(i);
        } else if (c === '"' || c === "'") quote = c;
        else if (c === ">") inTag = false;
      } else if (c === "<") inTag = true;
      else if (c !== "&" && c !== ";" && c.trim()) offsets.push(i);
    }
    return offsets;
  };

  /** One tampering of the answer, named for the failure message. */
  type Tamper = { readonly name: string; readonly xml: string };

  /** Shown by its name when fast-check reports a counterexample (the XML is 30 KB). */
  const named = (tamper: Tamper): Tamper =>
    Object.assign(tamper, { [fc.toStringMethod]: () => tamper.name });

  const tampered = (): fc.Arbitrary<Tamper> => {
    const content = contentOffsets(original);
    const assertion = /<saml:Assertion [\s\S]*<\/saml:Assertion>(?=<\/samlp:Response>)/.exec(
      original,
    )?.[0];
    if (!assertion) throw new Error("No outer Assertion at the end of the Response");
    const at = (offsets: readonly number[]) =>
      fc.nat({ max: offsets.length - 1 }).map((n) => offsets[n]!);
    return fc.oneof(
      // Any character replaced, removed or doubled: the signatures must notice.
      fc
        .tuple(
          fc.nat({ max: original.length - 1 }),
          fc.constantFrom("replace", "delete", "double"),
          fc.constantFrom("x", "0", " ", "A", "=", ">", "/", '"', "<"),
        )
        .map(([i, how, other]) => ({
          name: `${how} at ${i}`,
          xml:
            how === "replace"
              ? original.slice(0, i) + other + original.slice(i + 1)
              : how === "delete"
                ? original.slice(0, i) + original.slice(i + 1)
                : original.slice(0, i) + original[i]! + original.slice(i),
        })),
      // A character of content written as a character reference: the same
      // document after parsing, so it may be accepted, meaning unchanged.
      at(content).map((i) => ({
        name: `character reference at ${i}`,
        xml: `${original.slice(0, i)}&#x${original.codePointAt(i)!.toString(16)};${original.slice(i + 1)}`,
      })),
      // A comment inside text (comment injection): outside exclusive c14n, so
      // the signatures still verify; the text read must not change.
      at(content)
        .filter((i) => !/[<>]/.test(original.slice(i - 1, i + 1)))
        .map((i) => ({
          name: `comment at ${i}`,
          xml: `${original.slice(0, i)}<!--x-->${original.slice(i)}`,
        })),
      // Signature wrapping: a second, altered copy of the outer Assertion
      // before it, after it or inside its Advice.
      fc
        .tuple(
          fc.constantFrom("before", "after", "in-advice"),
          fc.constantFrom(["loa3", "loa4"], ["pseudo", "forged"], ["ServiceUUID", "ServiceUUIX"]),
        )
        .map(([where, [from, to]]) => {
          const forged = assertion.replace(new RegExp(from, "g"), to);
          const xml =
            where === "before"
              ? original.replace(assertion, forged + assertion)
              : where === "after"
                ? original.replace(assertion, assertion + forged)
                : original.replace("<saml:Advice>", `<saml:Advice>${forged}`);
          return { name: `wrapped ${where}, ${from} -> ${to}`, xml };
        }),
    );
  };

  it("accepts a tampered answer only when what it says is unchanged, and never crashes", async () => {
    let accepted = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(tampered().map(named), async ({ name, xml }) => {
        if (xml === original) return;
        const result = await readTampered(xml);
        if (result === "refused") {
          refused++;
          return;
        }
        accepted++;
        expect(meaning(result), name).toEqual(originalMeaning);
      }),
      { numRuns: 300 },
    );
    // Both sides of the oracle ran: some tamperings keep the meaning, most are refused.
    expect(accepted).toBeGreaterThan(20);
    expect(refused).toBeGreaterThan(100);
    // About 60 s on the shared 2-core machine: each accepted answer is verified and decrypted in full.
  }, 180_000);
});
