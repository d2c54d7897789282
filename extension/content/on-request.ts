// Annotating any page on the person's request (the popup's button or the
// context menu): the listing and level detectors run once over the page, with
// the same shadow-root badges and bar as on the pages we annotate by
// ourselves. The script is injected with scripting.executeScript under
// activeTab, so the extension needs no host permission for the page. When
// nothing is found it says so quietly, in one line.
import {
  REQUESTED_SUMMARY,
  type LookupItem,
  type PageSummary,
  type ServiceAnswer,
} from "../shared/messages.ts";
import { ext } from "../shared/native.ts";
import { ask } from "../shared/runtime.ts";
import { pageContext } from "./context.ts";
import { findUsedBy, levelOfPage } from "./detect-level.ts";
import { findListingEntries, lookupItem, placeBadge } from "./detect-listing.ts";
import { enoughAt } from "./features/level-page.ts";
import { renderBadge } from "./ui/badge.ts";
import { renderListingBar } from "./ui/bar.ts";
import { removeHosts } from "./ui/mount.ts";

/** Items per look-up message, as on listing pages. */
const BATCH = 500;

function removeOurs(): void {
  removeHosts("listing");
  removeHosts("level");
}

export async function annotateOnRequest(): Promise<PageSummary> {
  const { language, t } = await pageContext();
  // A second request, or the page's own automatic annotation: start over.
  removeOurs();
  const entries = findListingEntries(document, new WeakSet());
  const usedBy = findUsedBy(document);
  const pageLevel = levelOfPage(new URL(location.href), document);
  const items: LookupItem[] = [
    ...entries.map(lookupItem),
    ...(usedBy?.items.map(({ name }) => ({ name })) ?? []),
  ];
  const results: (ServiceAnswer | null)[] = [];
  for (let i = 0; i < items.length; i += BATCH) {
    results.push(...(await ask({ type: "lookup", items: items.slice(i, i + BATCH) })).results);
  }

  const services: ServiceAnswer[] = [];
  let differing = 0;
  results.forEach((answer, n) => {
    if (!answer) return;
    services.push(answer);
    if (answer.hints.some((hint) => hint.kind === "statedDiffers")) differing += 1;
    const entry = entries[n];
    if (entry) {
      placeBadge(entry, renderBadge({ answer, t, language, kind: "listing" }).host);
      return;
    }
    const item = usedBy?.items[n - entries.length];
    if (!usedBy || !item) return;
    const { host } = renderBadge({
      answer,
      t,
      language,
      kind: "level",
      enough: pageLevel ? enoughAt(pageLevel, answer) : undefined,
      showName: !item.place,
    });
    if (item.place) item.place(host);
    else usedBy.region.append(host);
  });

  const bar = renderListingBar(t, language, removeOurs);
  if (services.length > 0) bar.update(services.length, differing);
  else bar.say(t("annotateNothing"));
  const first = entries[0]?.element.closest("table, [role='table'], [role='grid'], ul, ol");
  const before = first ?? usedBy?.container ?? null;
  if (before?.parentElement) before.parentElement.insertBefore(bar.host, before);
  else (document.querySelector("main") ?? document.body).prepend(bar.host);

  return {
    kind: usedBy && !entries.length ? "level" : "listing",
    dismissed: false,
    services,
    pageLevel,
    language,
  };
}

interface Requested {
  latest: Promise<PageSummary | null>;
}

/** Runs a request; the first injection also answers the background's question for the result. */
export function runOnRequest(): void {
  const scope = globalThis as { ehOverstapRequested?: Requested };
  const latest = annotateOnRequest().catch((error: unknown) => {
    console.warn("[eh-overstap] annotate on request", error);
    return null;
  });
  if (scope.ehOverstapRequested) {
    scope.ehOverstapRequested.latest = latest;
    return;
  }
  const requested: Requested = { latest };
  scope.ehOverstapRequested = requested;
  ext().runtime.onMessage.addListener((message, _sender, reply) => {
    if ((message as { type?: unknown } | null)?.type !== REQUESTED_SUMMARY) return undefined;
    void requested.latest.then(reply);
    return true;
  });
}
