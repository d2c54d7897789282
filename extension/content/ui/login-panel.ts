// The panel beside "Met eHerkenning" on the Mijn DUO login page: what a login
// needs, what DUO published about the switch (each fact linked to its source,
// facts.ts), and what to do. Written at B1 level. The guidance depends on the
// judgement date: before 2022, during 2022, after DUO's "before 31 December
// 2022". Nothing here comes from the simulation's invented sector days.
import { describeLevel, isAtLeast, type Level } from "../../../eherkenning/levels.ts";
import { dutchDay } from "../../../eherkenning/dates.ts";
import { FACTS, MIJN_DUO_FACTS, factText, type Fact } from "../../../eherkenning/facts.ts";
import { KNOWN_OVERSTAPPEN, type KnownOverstap } from "../../../eherkenning/known-overstappen.ts";
import { formatDate, type Language, type Translate } from "../../shared/i18n.ts";
import { h } from "./dom.ts";
import { createHost, type Mounted } from "./mount.ts";
import { buttonLink, panel } from "./panel.ts";
import { LOGIN_STYLES } from "./styles.ts";

// Marked pure so the eherkenning.nl content script, which shares the registry, can drop it.
/* @__NO_SIDE_EFFECTS__ */
function mijnDuo<K extends keyof KnownOverstap>(field: K): KnownOverstap[K] {
  const overstap = KNOWN_OVERSTAPPEN.find((o) => o.id === "mijn-duo");
  if (!overstap) throw new Error("Mijn DUO is missing from KNOWN_OVERSTAPPEN");
  return overstap[field];
}
/** The level Mijn DUO moved to: its catalogue level. */
export const MIJN_DUO_LEVEL: Level = mijnDuo("to");
/** The service's catalogue name, which is also the machtiging to ask for. */
export const MIJN_DUO_MACHTIGING: string = mijnDuo("service");

/** The level and machtiging Mijn DUO asks, as <dl> rows (the panel and the popup). */
export function mijnDuoRequirementRows(t: Translate, language: Language): HTMLElement[] {
  return [
    h("dt", {}, t("requiredLevel")),
    h(
      "dd",
      {},
      h("span", { class: "badge" }, MIJN_DUO_LEVEL),
      " ",
      describeLevel(MIJN_DUO_LEVEL, language).replace(/^\S+\s*/, ""),
    ),
    h("dt", {}, t("machtiging")),
    h("dd", {}, `“${MIJN_DUO_MACHTIGING}”`),
  ];
}

export interface LoginPanelInput {
  readonly t: Translate;
  readonly language: Language;
  readonly middelLevel: Level | null;
  /** The judgement date. */
  readonly now: Date;
  readonly onDismiss: () => void;
  readonly onOpenOptions: () => void;
  /** Opens the overstapplanner page (for beheerders with DUO's overview of users). */
  readonly onOpenPlanner?: () => void;
}

export type DuoPeriod = "before" | "during" | "after";

/** Before new users had to use eHerkenning, in the year DUO asked everyone to switch, after it. */
export function duoPeriod(now: Date): DuoPeriod {
  const t = now.getTime();
  if (t < dutchDay(FACTS.duoNewUsers.day).getTime()) return "before";
  return t < dutchDay(FACTS.duoSwitchBefore.day).getTime() ? "during" : "after";
}

function middelVerdict(input: LoginPanelInput): HTMLElement {
  const { t, middelLevel } = input;
  if (!middelLevel) {
    return h(
      "p",
      { class: "note" },
      t("loginMiddelUnknown"),
      " ",
      buttonLink(t("openOptions"), input.onOpenOptions),
    );
  }
  if (!isAtLeast(middelLevel, MIJN_DUO_LEVEL)) {
    return h(
      "div",
      { class: "warning", role: "alert" },
      h("strong", {}, t("warningTitle")),
      " ",
      t("loginMiddelTooLow", middelLevel, MIJN_DUO_LEVEL),
    );
  }
  return h("div", { class: "fine" }, t("loginMiddelEnough", middelLevel));
}

/** One published fact (its day is in its words) and a link to where it says so. */
function factItem(fact: Fact, t: Translate, language: Language, now: Date): HTMLElement {
  const host = new URL(fact.source.url).hostname.replace(/^www\./, "");
  return h(
    "li",
    {},
    factText(fact, language, now, dutchDay),
    " ",
    h(
      "a",
      { href: fact.source.url, target: "_blank", rel: "noopener noreferrer" },
      t("sourceLink", host),
    ),
  );
}

export function renderLoginPanel(input: LoginPanelInput): Mounted {
  const { t, language, now } = input;
  const mounted = createHost("login", "panel", { language, extraStyles: LOGIN_STYLES });
  const date = (day: string): string => formatDate(dutchDay(day), language);
  const period = duoPeriod(now);
  const status =
    period === "before"
      ? t("duoBefore", date(FACTS.duoNewUsers.day))
      : period === "during"
        ? t("duoDuring", date(FACTS.duoSwitchBefore.day))
        : t("duoAfter", date(FACTS.duoSwitchBefore.day));

  const content = panel(
    {
      t,
      idName: "login-title",
      title: t("loginTitle"),
      dismissLabel: t("dismissLoginLabel"),
      onDismiss: input.onDismiss,
    },
    h("dl", {}, ...mijnDuoRequirementRows(t, language)),
    h("p", { class: "status" }, status),
    h("p", {}, period === "after" ? t("tokenAfter") : t("tokenUntilEmail")),
    middelVerdict(input),
    h("h3", {}, t("stepsTitle")),
    h(
      "ol",
      {},
      h("li", {}, t("stepMachtigingenbeheerder")),
      h("li", {}, t("stepMiddel", MIJN_DUO_LEVEL, MIJN_DUO_MACHTIGING)),
      h("li", {}, t("stepBeheerder")),
    ),
    input.onOpenPlanner ? h("p", {}, buttonLink(t("plannerOpen"), input.onOpenPlanner)) : null,
    h(
      "details",
      {},
      h("summary", {}, t("factsTitle")),
      h("ul", { class: "facts" }, ...MIJN_DUO_FACTS.map((f) => factItem(f, t, language, now))),
    ),
  );
  mounted.root.append(content);
  return mounted;
}
