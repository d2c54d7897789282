import { describe, expect, it } from "vitest";
import { BoundedMap } from "./store.ts";

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
});
