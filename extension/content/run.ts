// The loader: runs each matching feature with its own AbortSignal and keeps
// one feature's failure from stopping the others.
import type { PageSummary, PageSummaryRequest } from "../shared/messages.ts";
import { ext } from "../shared/native.ts";
import { pageContext } from "./context.ts";
import type { Feature } from "./feature.ts";

export function runFeatures(features: readonly Feature[]): void {
  const page = new AbortController();
  addEventListener("pagehide", (event) => {
    if (!event.persisted) page.abort();
  });

  const url = new URL(location.href);
  const running = features.filter((feature) => feature.matches(url));
  if (running.length === 0) return;

  // We start at document_start: read settings and texts while the page is
  // still parsing, so the annotation can be drawn as soon as the DOM is there.
  void pageContext().catch(() => undefined);
  for (const feature of running) feature.prepare?.();

  const start = (): void => {
    for (const feature of running) {
      const controller = new AbortController();
      page.signal.addEventListener("abort", () => controller.abort(), { once: true });
      feature.init(controller.signal).catch((error: unknown) => {
        controller.abort();
        console.warn(`[eh-overstap] ${feature.id} failed:`, error);
      });
    }
  };
  if (document.readyState === "loading")
    document.addEventListener("DOMContentLoaded", start, { once: true });
  else start();

  ext().runtime.onMessage.addListener((message, _sender, reply) => {
    if ((message as PageSummaryRequest | null)?.type !== "pageSummary") return undefined;
    void pageContext().then(
      ({ language }) => {
        const summary = running.map((f) => f.summary()).find((s): s is PageSummary => !!s);
        reply(summary ? { ...summary, language } : null);
      },
      () => reply(null),
    );
    // The answer comes after the page's context is read.
    return true;
  });
}
