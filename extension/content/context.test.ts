// @vitest-environment happy-dom
import { describe, expect, it, vi } from "vitest";

vi.mock("../shared/native.ts", () => ({ ext: () => ({}) }));
const { coalesce, observeAdditions } = await import("./context.ts");

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe("observeAdditions", () => {
  it("reports nodes the page adds, but not our own hosts", async () => {
    const seen = vi.fn();
    const controller = new AbortController();
    observeAdditions(controller.signal, seen);
    const ours = document.createElement("div");
    ours.setAttribute("data-eh-overstap", "listing-badge");
    document.body.append(ours);
    await tick();
    expect(seen).not.toHaveBeenCalled();
    document.body.append(document.createElement("tr"));
    await tick();
    expect(seen).toHaveBeenCalledTimes(1);
    controller.abort();
  });

  it("stops observing when the feature's signal aborts", async () => {
    const seen = vi.fn();
    const controller = new AbortController();
    observeAdditions(controller.signal, seen);
    controller.abort();
    document.body.append(document.createElement("li"));
    await tick();
    expect(seen).not.toHaveBeenCalled();
  });
});

describe("coalesce", () => {
  it("runs once for a burst of changes", async () => {
    const run = vi.fn();
    const schedule = coalesce(run);
    schedule();
    schedule();
    schedule();
    await tick();
    expect(run).toHaveBeenCalledTimes(1);
  });
});
