// eherkenning.nl level pages: the person's own services, each marked with
// whether this page's level is enough, and badges on the services the page's
// "Te gebruiken bij onder andere" row names.
import { isAtLeast, type Level } from "../../../eherkenning/levels.ts";
import { isLevelPageUrl } from "../../shared/pages.ts";
import type { PageSummary, ServiceAnswer } from "../../shared/messages.ts";
import { dismiss } from "../../shared/storage.ts";
import { ask } from "../../shared/runtime.ts";
import { pageContext } from "../context.ts";
import { findUsedBy, levelOfPage } from "../detect-level.ts";
import { renderBadge } from "../ui/badge.ts";
import { renderLevelPanel } from "../ui/level-panel.ts";
import { removeHosts, warmUp } from "../ui/mount.ts";

export const id = "level-page";
export const kind = "level";

let found: PageSummary | undefined;

export function matches(url: URL): boolean {
  return isLevelPageUrl(url);
}

export function prepare(): void {
  void ask({ type: "catalogueStatus" }).catch(() => undefined);
  warmUp();
}

export function summary(): PageSummary | undefined {
  return found;
}

/** Whether a middel at the page's level gets into the service today. */
export function enoughAt(pageLevel: Level, answer: ServiceAnswer): boolean {
  const transition = answer.hints.find((hint) => hint.kind === "transition");
  return isAtLeast(pageLevel, transition?.acceptedLevel ?? answer.level);
}

export async function init(signal: AbortSignal): Promise<void> {
  const pageLevel = levelOfPage(new URL(location.href), document);
  if (!pageLevel) return;
  const { settings, language, t } = await pageContext();
  if (signal.aborted) return;
  const isDismissed = settings.dismissed.includes(kind);
  found = { kind, dismissed: isDismissed, services: [], pageLevel };
  if (isDismissed) return;
  signal.addEventListener("abort", () => removeHosts(kind), { once: true });

  const usedBy = findUsedBy(document);
  const [mine, listed] = await Promise.all([
    ask({ type: "myServices", pageLevel }),
    usedBy ? ask({ type: "lookup", items: usedBy.items.map(({ name }) => ({ name })) }) : undefined,
  ]);
  if (signal.aborted) return;
  found = { kind, dismissed: false, services: mine.services, pageLevel };

  const { host } = renderLevelPanel({
    t,
    language,
    pageLevel,
    services: mine.services,
    onDismiss: () => {
      removeHosts(kind);
      found = { kind, dismissed: true, services: [], pageLevel };
      void dismiss(kind);
    },
    onOpenOptions: () => void ask({ type: "openOptions" }),
  });
  const after = usedBy?.container ?? document.querySelector("main h1, h1");
  if (after) after.after(host);
  else document.body.prepend(host);

  if (usedBy && listed) {
    usedBy.items.forEach((item, n) => {
      const answer = listed.results[n];
      if (!answer) return;
      const badge = renderBadge({
        answer,
        t,
        language,
        kind,
        enough: enoughAt(pageLevel, answer),
        showName: !item.place,
      });
      if (item.place) item.place(badge.host);
      else usedBy.region.append(badge.host);
    });
  }
}
