import { once } from "node:events";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { testWorld } from "./saml/test-support.ts";
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
      running.makelaar.world.setNow(new Date("2021-06-30T12:00:00Z"));
      expect(other.makelaar.world.now().getFullYear()).toBeGreaterThan(2025);
      expect(running.makelaar.world.now().getFullYear()).toBe(2021);
    } finally {
      await other.stop();
    }
  });

  it("rejects a bad world and leaves nothing listening: the port is free again", async () => {
    const probe = createServer().listen(0, "127.0.0.1");
    await once(probe, "listening");
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));

    await expect(
      startServer({ port, world: { ...testWorld(), catalogueXml: "<not-a-catalogue" } }),
    ).rejects.toThrow("not well-formed XML");

    const again = createServer().listen(port, "127.0.0.1");
    const outcome = await Promise.race([
      once(again, "listening").then(() => "free"),
      once(again, "error").then(([error]) => (error as NodeJS.ErrnoException).code),
    ]);
    await new Promise<void>((resolve) => again.close(() => resolve()));
    expect(outcome).toBe("free");
  });
});
