import { describe, expect, it } from "vitest";
import type { ServiceProvider } from "../sp/index.ts";
import type { Makelaar } from "./app.ts";
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
import { BoundedMap, MAX_REPLAY_IDS, REPLAY_WINDOW_MS, ReplayIds } from "../world/state.ts";
import { SamlError } from "./errors.ts";

describe("BoundedMap (the protocol's bounded state)", () => {
  it("drops the oldest entries beyond its limit", () => {
    const map = new BoundedMap<number>(3, 60_000);
    for (let i = 0; i < 5; i++) map.set(`k${i}`, i, 0);
    expect(map.size).toBe(3);
    expect(map.get("k0", 0)).toBeUndefined();
    expect(map.get("k4", 0)).toBe(4);
  });

  it("forgets expired entries on the next write, so memory follows the time window", () => {
    const map = new BoundedMap<number>(1000, 1000);
    for (let i = 0; i < 100; i++) map.set(`old${i}`, i, 0);
    map.set("new", 1, 1500);
    expect(map.size).toBe(1);
    expect(map.has("new", 1500)).toBe(true);
  });

  it("hands out a value once with take", () => {
    const map = new BoundedMap<string>(10, 1000);
    map.set("a", "x", 0);
    expect(map.take("a", 1)).toBe("x");
    expect(map.take("a", 1)).toBeUndefined();
  });

  it("with refuseWhenFull never drops an unexpired entry: a full map refuses the write", () => {
    const map = new BoundedMap<true>(3, 1000, () => new Error("full"));
    for (let i = 0; i < 3; i++) map.set(`k${i}`, true, 0);
    expect(() => map.set("k3", true, 999)).toThrow("full");
    expect(map.size).toBe(3);
    for (let i = 0; i < 3; i++) expect(map.has(`k${i}`, 999)).toBe(true);
    expect(map.has("k3", 999)).toBe(false);
  });

  it("with refuseWhenFull makes room as entries expire, also behind younger ones after the clock went back", () => {
    const map = new BoundedMap<true>(2, 1000, () => new Error("full"));
    map.set("a", true, 5000); // expires at 6000
    map.set("b", true, 0); // the clock went back: expires at 1000, behind "a"
    map.set("c", true, 1000);
    expect(map.has("a", 1000)).toBe(true);
    expect(map.has("c", 1000)).toBe(true);
    expect(map.has("b", 1000)).toBe(false);
  });
});

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
});

describe("replay protection with a full store (the makelaar)", () => {
  const STATUS = "urn:oasis:names:tc:SAML:2.0:status:";

  async function send(makelaar: Makelaar, sp: ServiceProvider, message = request(sp)) {
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
    makelaar.store.autoLogin = { personId: PERSONS.eh3.id, kvk: SCHOOL.kvk };
    const first = await send(makelaar, sp);
    expect(first.result.ok).toBe(true);

    const nowMs = makelaar.store.now().getTime();
    for (let i = 1; i < MAX_REPLAY_IDS; i++) {
      makelaar.store.seenRequestIds.set(`_other${i}`, true, nowMs);
    }
    expect(makelaar.store.seenRequestIds.size).toBe(MAX_REPLAY_IDS);

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

    makelaar.store.setNow(new Date(nowMs + REPLAY_WINDOW_MS));
    expect((await send(makelaar, sp)).result.ok).toBe(true);
    expect(makelaar.store.seenRequestIds.size).toBe(1);
  });
});
