// A badge beside a service name: the catalogue level, a flag when the page
// states another level, and one line per hint.
import { describeLevel } from "../../../eherkenning/levels.ts";
import type { Hint } from "../../shared/hints.ts";
import { formatDate, type Language, type Translate } from "../../shared/i18n.ts";
import type { ServiceAnswer } from "../../shared/messages.ts";
import type { PageKind } from "../../shared/pages.ts";
import { h } from "./dom.ts";
import { createHost, type Mounted } from "./mount.ts";

export function hintText(hint: Hint, t: Translate, language: Language): string {
  const date = (iso: string): string => formatDate(new Date(iso), language);
  switch (hint.kind) {
    case "transition":
      return t("hintTransition", hint.acceptedLevel, date(hint.until));
    case "formerEh1":
      return t("hintFormerEh1", hint.to, date(hint.retiredOn));
    case "eh1Registered":
      return t("hintEh1Registered", date(hint.retiredOn));
    case "tokenPhasedOut":
      return t(
        hint.past ? "hintTokenPhasedOutPast" : "hintTokenPhasedOut",
        hint.to,
        date(hint.deadline),
      );
    case "statedDiffers":
      return t("hintStatedDiffers", levelList(hint.stated, hint.orHigher, t), hint.catalogue);
    case "middelTooLow":
      return t("hintMiddelTooLow", hint.middel, hint.needed);
  }
}

/** "EH2 of EH2+", "EH1, EH2 of EH3", "EH3 of hoger". */
export function levelList(levels: readonly string[], orHigher: boolean, t: Translate): string {
  const [first = ""] = levels;
  if (orHigher) return t("levelOrHigher", first);
  if (levels.length < 2) return first;
  return t("levelsOr", levels.slice(0, -1).join(", "), levels[levels.length - 1] ?? "");
}

export interface BadgeInput {
  readonly answer: ServiceAnswer;
  readonly t: Translate;
  readonly language: Language;
  readonly kind: PageKind;
  /** On level pages: whether this page's level is enough for the service. */
  readonly enough?: boolean | undefined;
  /** Show the service's name too, where the page's own text cannot be pointed at. */
  readonly showName?: boolean;
}

export function renderBadge({ answer, t, language, kind, enough, showName }: BadgeInput): Mounted {
  const mounted = createHost(kind, "badge", { language, inline: true });
  const differs = answer.hints.find((hint) => hint.kind === "statedDiffers");
  const tooLow = answer.hints.find((hint) => hint.kind === "middelTooLow");
  const likely = answer.confidence === "likely";
  const name = likely ? t("likelyService", answer.service, answer.provider) : answer.service;
  const label = [
    t("badgeLabel", name, describeLevel(answer.level, language)),
    differs ? hintText(differs, t, language) : "",
    tooLow ? hintText(tooLow, t, language) : "",
    enough === undefined ? "" : enough ? t("enough") : t("notEnough"),
  ]
    .filter(Boolean)
    .join(". ");
  const badges = h(
    "span",
    { class: "badges", role: "note", "aria-label": label, title: label },
    // A likely match always shows which service we took it for.
    showName || likely ? h("span", { class: "badge muted" }, name) : null,
    h("span", { class: "badge" }, answer.level),
    differs
      ? h(
          "span",
          { class: "badge warn" },
          `⚠ ${t("badgeDiffers", levelList(differs.stated, differs.orHigher, t))}`,
        )
      : null,
    // Only where the page does not already say whether this level is enough.
    tooLow && enough === undefined
      ? h("span", { class: "badge low" }, t("badgeMiddelTooLow"))
      : null,
    enough === undefined
      ? null
      : h(
          "span",
          { class: enough ? "badge ok" : "badge warn" },
          enough ? `✓ ${t("enough")}` : `✗ ${t("notEnough")}`,
        ),
  );
  const hints = answer.hints
    .filter((hint) => hint.kind !== "statedDiffers" && hint.kind !== "middelTooLow")
    .map((hint) => h("span", { class: "hint" }, hintText(hint, t, language)));
  mounted.root.append(badges, ...hints);
  return mounted;
}
