import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FIXTURE_CATALOGUE } from "../../eherkenning/fixtures/catalogue.ts";
import { writeCatalogue } from "../../eherkenning/catalogue/write.ts";
import { CatalogueStore, RefreshError, type KeyValueStore } from "./catalogue.ts";

const bundledXml = readFileSync(
  new URL("../../eherkenning/fixtures/servicecatalog.xml", import.meta.url),
  "utf8",
);
const URL_ = "https://aggregator.etoegang.nl/1.13/servicecatalog.xml";

function memory(): KeyValueStore & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    get: (key) => Promise.resolve(structuredClone(data.get(key))),
    set: (key, value) => {
      data.set(key, structuredClone(value));
      return Promise.resolve();
    },
  };
}

/** A fetch that answers with this body in two chunks; `declared` overrides Content-Length. */
function serve(body: string, init: { status?: number; declared?: number } = {}): typeof fetch {
  return () => {
    const bytes = new TextEncoder().encode(body);
    const half = Math.floor(bytes.length / 2);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, half));
        controller.enqueue(bytes.slice(half));
        controller.close();
      },
    });
    return Promise.resolve(
      new Response(stream, {
        status: init.status ?? 200,
        headers: { "content-length": String(init.declared ?? bytes.length) },
      }),
    );
  };
}

const smallerCatalogue = writeCatalogue({
  ...FIXTURE_CATALOGUE,
  providers: FIXTURE_CATALOGUE.providers.slice(0, 2),
});
const noProgress = (): void => undefined;

describe("CatalogueStore", () => {
  it("starts with the bundled snapshot", async () => {
    const store = new CatalogueStore(memory(), bundledXml);
    const { status, index } = await store.current();
    expect(status.source).toBe("bundled");
    expect(status.serviceCount).toBe(index.services.length);
    expect(index.byName("Mijn RBG")[0]?.level).toBe("EH3");
  });

  it("uses a good download, reports progress and keeps it across restarts", async () => {
    const storage = memory();
    const progress: number[] = [];
    const store = new CatalogueStore(storage, bundledXml, () => new Date("2026-02-01T10:00:00Z"));
    const status = await store.refresh(URL_, serve(smallerCatalogue), (received) =>
      progress.push(received),
    );
    expect(status).toMatchObject({
      source: "aggregator",
      serviceCount: 3,
      fetchedAt: "2026-02-01T10:00:00.000Z",
    });
    expect(progress.length).toBeGreaterThanOrEqual(3);
    expect(progress.at(-1)).toBe(new TextEncoder().encode(smallerCatalogue).length);
    const restarted = new CatalogueStore(storage, bundledXml);
    expect((await restarted.current()).status.source).toBe("aggregator");
  });

  it.each([
    ["an HTTP error", serve("oops", { status: 503 }), /answered HTTP 503/],
    [
      "a download cut short",
      serve(smallerCatalogue, { declared: 10_000_000 }),
      /stopped after \d+ of 10000000 bytes/,
    ],
    ["a file that is not XML", serve("<html>maintenance"), /not a usable catalogue/],
    ["XML that is not a catalogue", serve("<?xml version='1.0'?><foo/>"), /not a usable catalogue/],
    ["a catalogue without services", serve(writeCatalogue({ providers: [] })), /lists no services/],
    [
      "a network failure",
      () => Promise.reject(new TypeError("Failed to fetch")),
      /could not reach aggregator.etoegang.nl/,
    ],
  ])("keeps the last good catalogue after %s and says why", async (_, fetchFn, reason) => {
    const storage = memory();
    const store = new CatalogueStore(storage, bundledXml, () => new Date("2026-03-01T08:00:00Z"));
    await store.refresh(URL_, serve(smallerCatalogue), noProgress);
    await expect(store.refresh(URL_, fetchFn as typeof fetch, noProgress)).rejects.toThrow(
      RefreshError,
    );
    const { status } = await new CatalogueStore(storage, bundledXml).current();
    expect(status).toMatchObject({ source: "aggregator", serviceCount: 3 });
    expect(status.lastError?.message).toMatch(reason);
    expect(status.lastError?.at).toBe("2026-03-01T08:00:00.000Z");
  });

  it("goes back to the bundled snapshot on request and forgets the error", async () => {
    const storage = memory();
    const store = new CatalogueStore(storage, bundledXml);
    await store.refresh(URL_, serve(smallerCatalogue), noProgress);
    await store.refresh(URL_, serve("nope", { status: 500 }), noProgress).catch(() => undefined);
    const status = await store.useBundled();
    expect(status.source).toBe("bundled");
    expect(status.lastError).toBeUndefined();
  });
});
