import { describe, expect, it } from "vitest";
import {
  LOG_LIMIT,
  LOG_MAX_BYTES,
  LOG_TEXT_CHARACTERS,
  MAX_LOGIN_BYTES,
  MakelaarState,
} from "./state.ts";
import type { AuthnRequestContext } from "./flow.ts";

const refused = (id: string, error: string) => ({
  at: "2026-01-01T00:00:00.000Z",
  kind: "AuthnRequest" as const,
  id,
  errors: [error],
  notes: [],
});

describe("the request and answer logs", () => {
  it(`keep an excerpt of each text: at most ${LOG_TEXT_CHARACTERS} characters, saying how long it was`, () => {
    const state = new MakelaarState("urn:test", []);
    state.logRequest(refused("_".repeat(300_000), `bad: ${"e".repeat(300_000)}`));
    const [entry] = state.requests;
    expect(entry!.id).toBe(`${"_".repeat(LOG_TEXT_CHARACTERS)}…(300000 characters)`);
    expect(entry!.errors[0]).toMatch(/^bad: e+…\(300005 characters\)$/);
    expect(state.logBytes.requests).toBeLessThan(2 * LOG_TEXT_CHARACTERS + 200);
  });

  it(`keep at most ${LOG_LIMIT} entries and ${LOG_MAX_BYTES / 1024 / 1024} MB, the oldest going first`, () => {
    const state = new MakelaarState("urn:test", []);
    for (let i = 0; i < 5000; i++) {
      state.logRequest({ ...refused(`_${i}`, ""), errors: Array(5).fill("x".repeat(5000)) });
    }
    expect(state.logBytes.requests).toBeLessThanOrEqual(LOG_MAX_BYTES);
    expect(state.requests.length).toBeLessThan(LOG_LIMIT);
    expect(state.requests.at(-1)!.id).toBe("_4999");
    for (let i = 0; i < 5000; i++) {
      state.logAnswer({ at: "", status: "Success", binding: "artifact", inResponseTo: `_${i}` });
    }
    expect(state.answers).toHaveLength(LOG_LIMIT);
    expect(state.answers[0]!.inResponseTo).toBe(`_${5000 - LOG_LIMIT}`);
    state.clearRequests();
    expect(state.requests).toHaveLength(0);
    expect(state.logBytes.requests).toBe(0);
  });
});

describe("logins in progress", () => {
  it(`are bounded in bytes (${MAX_LOGIN_BYTES / 1024 / 1024} MB), not only in number`, () => {
    const state = new MakelaarState("urn:test", []);
    const context = {
      id: "_id",
      spEntityID: "urn:sp",
      acs: { url: `https://dv.example/${"a".repeat(100_000)}`, binding: "artifact" },
      relayState: "r",
      serviceID: "urn:service",
    } as unknown as AuthnRequestContext;
    for (let i = 0; i < 1000; i++) {
      state.logins.set(`login${i}`, { context, failedAttempts: 0, language: "nl" }, 0);
    }
    expect(state.logins.bytes).toBeLessThanOrEqual(MAX_LOGIN_BYTES);
    expect(state.logins.size).toBeLessThan(200);
    expect(state.logins.get("login0", 0)).toBeUndefined();
    expect(state.logins.get("login999", 0)).toBeDefined();
  });
});
