import { describe, expect, it } from "vitest";
import type { ServiceProvider } from "../sp/index.ts";
import type { Makelaar } from "./makelaar.ts";
import {
  BASE_URL,
  PERSONS,
  SCHOOL,
  SSO_URL,
  appFetch,
  sendRequest,
  testMakelaar,
  testServiceProvider,
} from "./saml/test-support.ts";
import { MAX_REPLAY_IDS, REPLAY_WINDOW_MS, ReplayIds } from "./replay-ids.ts";
import { SamlError } from "./errors.ts";

describe("ReplayIds", () => {
  it("keeps IDs for the 5 freshness minutes plus 1 minute of skew", () => {
    expect(REPLAY_WINDOW_MS).toBe(6 * 60_000);
    const ids = new ReplayIds();
    ids.set("_a", true, 0);
    expect(ids.has("_a", REPLAY_WINDOW_MS - 1)).toBe(true);
    expect(ids.has("_a", REPLAY_WINDOW_MS)).toBe(false);
  });

  it("keeps IDs as their SHA-256: a 100,000-character ID is still recognised, a different one is not", () => {
    const ids = new ReplayIds();
    const long = `_${"x".repeat(100_000)}`;
    ids.set(long, true, 0);
    expect(ids.has(long, 1)).toBe(true);
    expect(ids.has(`${long}y`, 1)).toBe(false);
    expect(ids.has(long.slice(0, 64), 1)).toBe(false);
  });

  it("refuses with Responder/RequestUnsupported (503 on a page) when full of unexpired IDs", () => {
    const ids = new ReplayIds(2, 120_000);
    ids.set("_a", true, 0);
    ids.set("_b", true, 0);
    let refusal: unknown;
    try {
      ids.set("_c", true, 10);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(SamlError);
    expect(refusal).toMatchObject({
      status: "Responder",
      subStatus: "RequestUnsupported",
      httpStatus: 503,
      message:
        "The makelaar is busy: it holds 2 request IDs from the last 2 minutes to refuse replays, and takes new requests again when those expire.",
    });
    ids.set("_c", true, 120_000);
    expect(ids.has("_c", 120_000)).toBe(true);
  });

  it("forgets every ID when cleared (the admin reset), so each is taken again", () => {
    const ids = new ReplayIds(1, 120_000);
    ids.set("_a", true, 0);
    ids.clear();
    expect([ids.has("_a", 1), ids.size]).toEqual([false, 0]);
    ids.set("_b", true, 1);
    expect(ids.has("_b", 1)).toBe(true);
  });
});

describe("replay protection with a full replay window (the makelaar)", () => {
  const STATUS = "urn:oasis:names:tc:SAML:2.0:status:";

  async function send(makelaar: Makelaar, sp: ServiceProvider, message = request(sp)) {
    // A replayed message's ID was answered once; our SP must wait for it again to read the refusal.
    sp.authnRequest({ serviceIndex: 1, binding: "redirect", destination: SSO_URL, id: message.id });
    const answer = await sendRequest(makelaar.app, message);
    const samlArt = new URL(answer.headers.location as string).searchParams.get("SAMLart")!;
    const result = await sp.resolveArtifact(samlArt, {
      arsUrl: `${BASE_URL}/broker/ars/1.13`,
      fetch: appFetch(makelaar.app),
    });
    return { message, result };
  }
  const request = (sp: ServiceProvider) =>
    sp.authnRequest({ serviceIndex: 1, binding: "redirect", destination: SSO_URL });

  it(`still refuses a fresh request's replay after ${MAX_REPLAY_IDS} other IDs, and refuses new requests until IDs expire`, async () => {
    const makelaar = await testMakelaar();
    const sp = await testServiceProvider(makelaar);
    // Protocol time follows the business clock here, so the test can move it past the window.
    makelaar.state.protocolTimeShifted = true;
    makelaar.state.autoLogin = { personId: PERSONS.eh3.id, kvk: SCHOOL.kvk };
    const first = await send(makelaar, sp);
    expect(first.result.ok).toBe(true);

    const nowMs = makelaar.protocolNow().getTime();
    for (let i = 1; i < MAX_REPLAY_IDS; i++) {
      makelaar.state.seenRequestIds.set(`_other${i}`, true, nowMs);
    }
    expect(makelaar.state.seenRequestIds.size).toBe(MAX_REPLAY_IDS);

    const replayed = await send(makelaar, sp, first.message);
    expect(replayed.result).toMatchObject({
      ok: false,
      status: `${STATUS}Requester`,
      message: `The request ID ${first.message.id} was already used: a replayed request is refused.`,
    });

    const busy = await send(makelaar, sp);
    expect(busy.result).toMatchObject({
      ok: false,
      status: `${STATUS}Responder`,
      subStatus: `${STATUS}RequestUnsupported`,
      message: `The makelaar is busy: it holds ${MAX_REPLAY_IDS} request IDs from the last 6 minutes to refuse replays, and takes new requests again when those expire.`,
    });

    makelaar.world.setNow(new Date(nowMs + REPLAY_WINDOW_MS));
    expect((await send(makelaar, sp)).result.ok).toBe(true);
    expect(makelaar.state.seenRequestIds.size).toBe(1);
  });
});
