import { afterEach, describe, expect, it } from "vitest";
import { startServer, type RunningMakelaar } from "./server.ts";

let running: RunningMakelaar | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

describe("startServer", () => {
  it("binds 127.0.0.1 on a free port and reports its URL", async () => {
    running = await startServer();
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(running.port).toBeGreaterThan(0);
  });

  it("keeps state per instance: two servers never share a clock", async () => {
    running = await startServer();
    const other = await startServer();
    try {
      running.makelaar.store.setNow(new Date("2021-06-30T12:00:00Z"));
      expect(other.makelaar.store.now().getFullYear()).toBeGreaterThan(2025);
      expect(running.makelaar.store.now().getFullYear()).toBe(2021);
    } finally {
      await other.stop();
    }
  });
});
