// dienstencatalogus listings (tables and cards): a badge with the catalogue
// level beside every recognised service, a flag where the page states another
// level, hints for services in transition. Rows added later are annotated too.
import { isListingCandidateUrl } from "../../shared/pages.ts";
import type { PageSummary, ServiceAnswer } from "../../shared/messages.ts";
import { dismiss } from "../../shared/storage.ts";
import { ask } from "../../shared/runtime.ts";
import { coalesce, observeAdditions, pageContext } from "../context.ts";
import { findListingEntries, lookupItem, placeBadge } from "../detect-listing.ts";
import { renderBadge } from "../ui/badge.ts";
import { renderListingBar, type ListingBar } from "../ui/bar.ts";
import { removeHosts, warmUp } from "../ui/mount.ts";

export const id = "dienstencatalogus";
export const kind = "listing";

/** Items per look-up message; long listings send several. */
const BATCH = 500;

const recognised: ServiceAnswer[] = [];
let dismissed = false;
let listingSeen = false;

export function matches(url: URL): boolean {
  return isListingCandidateUrl(url);
}

/** Wakes the background and its catalogue while the page loads, so the first look-up is quick. */
export function prepare(): void {
  void ask({ type: "catalogueStatus" }).catch(() => undefined);
  warmUp();
}

export function summary(): PageSummary | undefined {
  return listingSeen ? { kind, dismissed, services: recognised } : undefined;
}

export async function init(signal: AbortSignal): Promise<void> {
  const { settings, language, t } = await pageContext();
  if (signal.aborted) return;
  dismissed = settings.dismissed.includes(kind);
  signal.addEventListener("abort", () => removeHosts(kind), { once: true });
  const seen = new WeakSet<Element>();
  let bar: ListingBar | undefined;
  let differing = 0;

  const scan = async (): Promise<void> => {
    const entries = findListingEntries(document, seen);
    if (entries.length === 0) return;
    listingSeen = true;
    if (dismissed) return;
    if (!bar) {
      bar = renderListingBar(t, language, () => {
        dismissed = true;
        removeHosts(kind);
        void dismiss(kind);
      });
      const first = entries[0]?.element;
      const before = first?.closest("table, [role='table'], [role='grid'], ul, ol") ?? first;
      before?.parentElement?.insertBefore(bar.host, before);
    }
    for (let i = 0; i < entries.length; i += BATCH) {
      const batch = entries.slice(i, i + BATCH);
      const { results } = await ask({
        type: "lookup",
        items: batch.map(lookupItem),
      });
      if (signal.aborted || dismissed) return;
      batch.forEach((entry, n) => {
        const answer = results[n];
        if (!answer) return;
        recognised.push(answer);
        if (answer.hints.some((hint) => hint.kind === "statedDiffers")) differing += 1;
        placeBadge(entry, renderBadge({ answer, t, language, kind }).host);
      });
      bar.update(recognised.length, differing);
    }
  };
  await scan();
  observeAdditions(
    signal,
    coalesce(
      () => void scan().catch((error: unknown) => console.warn("[eh-overstap] listing", error)),
    ),
  );
}
