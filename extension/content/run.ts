// The loader: runs each matching feature with its own AbortSignal and keeps
// one feature's failure from stopping the others.
import browser from "webextension-polyfill";
import type { PageSummary, PageSummaryRequest } from "../shared/messages.ts";
import type { Feature } from "./feature.ts";

export function runFeatures(features: readonly Feature[]): void {
  const page = new AbortController();
  addEventListener("pagehide", (event) => {
    if (!event.persisted) page.abort();
  });

  const url = new URL(location.href);
  const running = features.filter((feature) => feature.matches(url));
  for (const feature of running) {
    const controller = new AbortController();
    page.signal.addEventListener("abort", () => controller.abort(), { once: true });
    feature.init(controller.signal).catch((error: unknown) => {
      controller.abort();
      console.warn(`[eh-overstap] ${feature.id} failed:`, error);
    });
  }

  browser.runtime.onMessage.addListener((message: unknown) => {
    if ((message as PageSummaryRequest | null)?.type !== "pageSummary") return undefined;
    const summaries = running.map((f) => f.summary()).filter((s): s is PageSummary => !!s);
    return Promise.resolve(summaries[0] ?? null);
  });
}
