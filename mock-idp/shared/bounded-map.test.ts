import { describe, expect, it } from "vitest";
import { BoundedMap, stringBytes } from "./bounded-map.ts";

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

  it("with a byte bound drops the oldest entries until the bytes fit, and counts what is taken or expires", () => {
    const map = new BoundedMap<string>(1000, 1000, undefined, {
      maxBytes: 10,
      sizeOf: (v) => stringBytes(v),
    });
    map.set("a", "xxxx", 0);
    map.set("b", "yyyy", 0);
    expect(map.bytes).toBe(8);
    map.set("c", "zzzz", 0); // 12 > 10: "a" goes
    expect(map.has("a", 0)).toBe(false);
    expect(map.bytes).toBe(8);
    map.take("b", 0);
    expect(map.bytes).toBe(4);
    map.set("c", "éé", 0); // replacing counts the new value only (é is 2 bytes in UTF-8)
    expect(map.bytes).toBe(4);
    map.set("d", "w", 2000); // "c" expired
    expect(map.size).toBe(1);
    expect(map.bytes).toBe(1);
    map.clear();
    expect(map.bytes).toBe(0);
  });

  it("with a byte bound and refuseWhenFull refuses a write that does not fit", () => {
    const map = new BoundedMap<string>(1000, 1000, () => new Error("full"), {
      maxBytes: 10,
      sizeOf: (v) => v.length,
    });
    map.set("a", "123456", 0);
    expect(() => map.set("b", "123456", 500)).toThrow("full");
    map.set("b", "123456", 1000); // "a" expired
    expect(map.bytes).toBe(6);
  });
});
