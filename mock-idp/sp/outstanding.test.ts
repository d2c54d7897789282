import { serialize } from "node:v8";
import { describe, expect, it } from "vitest";
import { OutstandingRequests } from "./outstanding.ts";

const T0 = Date.UTC(2026, 1, 2, 10);

describe("the requests an SP waits an answer for", () => {
  it("takes a sent request once, in the session that sent it", () => {
    const waiting = new OutstandingRequests();
    waiting.add("browser-a", "_r1", T0);
    expect(waiting.take("browser-b", "_r1", T0)).toBe(false);
    expect(waiting.take("browser-a", "_r1", T0)).toBe(true);
    expect(waiting.take("browser-a", "_r1", T0)).toBe(false);
  });

  it("knows no request it did not send, and never an empty InResponseTo", () => {
    const waiting = new OutstandingRequests();
    waiting.add("browser-a", "_r1", T0);
    expect(waiting.take("browser-a", "_r2", T0)).toBe(false);
    expect(waiting.take("browser-a", "", T0)).toBe(false);
    expect(waiting.take("browser-a", "_r1", T0)).toBe(true);
  });

  it("answers a request added twice once", () => {
    const waiting = new OutstandingRequests();
    waiting.add("a", "_r1", T0);
    waiting.add("a", "_r1", T0 + 1);
    expect(waiting.take("a", "_r1", T0 + 2)).toBe(true);
    expect(waiting.take("a", "_r1", T0 + 2)).toBe(false);
  });

  it("never takes an empty InResponseTo, even when an empty ID was added", () => {
    const waiting = new OutstandingRequests();
    waiting.add("a", "", T0);
    expect(waiting.take("a", "", T0)).toBe(false);
  });

  it("forgets a request after its lifetime", () => {
    const waiting = new OutstandingRequests({ lifetimeMs: 1000 });
    waiting.add("a", "_old", T0);
    waiting.add("a", "_young", T0 + 500);
    expect(waiting.take("a", "_old", T0 + 1000)).toBe(false);
    expect(waiting.take("a", "_young", T0 + 1000)).toBe(true);
  });

  it("keeps at most perSession requests per session, forgetting the oldest", () => {
    const waiting = new OutstandingRequests({ perSession: 2 });
    for (const id of ["_1", "_2", "_3"]) waiting.add("a", id, T0);
    expect(waiting.take("a", "_1", T0)).toBe(false);
    expect(waiting.take("a", "_2", T0)).toBe(true);
    expect(waiting.take("a", "_3", T0)).toBe(true);
  });

  it("keeps at most `sessions` sessions, forgetting the one that least recently started a login", () => {
    const waiting = new OutstandingRequests({ sessions: 2 });
    waiting.add("a", "_a", T0);
    waiting.add("b", "_b", T0);
    waiting.add("a", "_a2", T0 + 1);
    waiting.add("c", "_c", T0 + 2);
    expect(waiting.take("b", "_b", T0 + 3)).toBe(false);
    expect(waiting.take("a", "_a", T0 + 3)).toBe(true);
    expect(waiting.take("c", "_c", T0 + 3)).toBe(true);
  });

  it("holds long sessions and IDs by their digest, so a megabyte ID costs no more than a short one", () => {
    const short = new OutstandingRequests();
    short.add("a", "_r", T0);
    const waiting = new OutstandingRequests();
    const long = "_".padEnd(1_000_000, "x");
    waiting.add(long, long, T0);
    // v8.serialize writes everything the object holds, its Map entries included.
    expect(serialize(waiting).length).toBe(serialize(short).length);
    expect(waiting.take(long, long, T0)).toBe(true);
  });
});
