// The one-line summary above a listing: what we recognised, what disagrees,
// and the button that hides our annotations on listing pages.
import { pluralKey, type Language, type Translate } from "../../shared/i18n.ts";
import { h } from "./dom.ts";
import { createHost, type Mounted } from "./mount.ts";

export interface ListingBar extends Mounted {
  update(recognised: number, differing: number): void;
  /** Says something else instead of the counts ("nothing found"). */
  say(text: string): void;
}

export function renderListingBar(
  t: Translate,
  language: Language,
  onDismiss: () => void,
): ListingBar {
  const mounted = createHost("listing", "bar", { language });
  const text = h("span", { class: "text", role: "status" });
  const dismiss = h(
    "button",
    { type: "button", "aria-label": t("dismissListingLabel") },
    t("dismiss"),
  );
  dismiss.addEventListener("click", onDismiss);
  mounted.root.append(
    h(
      "div",
      { class: "bar", role: "region", "aria-label": t("extName") },
      h("strong", {}, t("extName")),
      text,
      dismiss,
    ),
  );
  return {
    ...mounted,
    say(message) {
      text.textContent = message;
    },
    update(recognised, differing) {
      text.textContent =
        t(pluralKey("listingSummary", recognised, language), recognised) +
        (differing > 0
          ? ` ${t(pluralKey("listingDiffering", differing, language), differing)}`
          : "");
    },
  };
}
