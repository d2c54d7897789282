// The panel beside "Met eHerkenning" on the Mijn DUO login page.
import { describeLevel, isAtLeast, type Level } from "../../../eherkenning/levels.ts";
import {
  DUO_MILESTONES,
  DUO_SECTOR_SWITCH,
  KNOWN_OVERSTAPPEN,
  type KnownOverstap,
  type Milestone,
} from "../../../eherkenning/known-overstappen.ts";
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
  readonly now: Date;
  readonly onDismiss: () => void;
  readonly onOpenOptions: () => void;
  /** Opens the overstapplanner page (for beheerders with DUO's overview of users). */
  readonly onOpenPlanner?: () => void;
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

export function renderLoginPanel(input: LoginPanelInput): Mounted {
  const { t, language, now } = input;
  const mounted = createHost("login", "panel", { language, extraStyles: LOGIN_STYLES });
  const date = (d: Date): string => formatDate(d, language);
  const tokenGone = now.getTime() > DUO_MILESTONES.deadline.date.getTime();

  const milestones = Object.values<Milestone>(DUO_MILESTONES).map((m) =>
    h(
      "li",
      {},
      h("span", { class: "date" }, date(m.date), m.invented ? "*" : ""),
      h("span", {}, m[language]),
    ),
  );
  const sectors = Object.values(DUO_SECTOR_SWITCH).map((m) =>
    h(
      "li",
      {},
      h("span", { class: "date" }, date(m.date), m.invented ? "*" : ""),
      h("span", {}, m[language]),
    ),
  );

  const content = panel(
    {
      t,
      idName: "login-title",
      title: t("loginTitle"),
      dismissLabel: t("dismissLoginLabel"),
      onDismiss: input.onDismiss,
    },
    h(
      "dl",
      {},
      ...mijnDuoRequirementRows(t, language),
      h("dt", {}, t("token")),
      h(
        "dd",
        {},
        tokenGone
          ? t("tokenGone", date(DUO_MILESTONES.deadline.date))
          : t("tokenPhasingOut", date(DUO_MILESTONES.deadline.date)),
      ),
    ),
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
      h("summary", {}, t("timelineTitle")),
      h("ul", { class: "timeline" }, ...milestones),
      h("h3", {}, t("sectorsTitle")),
      h("ul", { class: "timeline" }, ...sectors),
      h("p", { class: "note" }, t("inventedNote")),
    ),
  );
  mounted.root.append(content);
  return mounted;
}
