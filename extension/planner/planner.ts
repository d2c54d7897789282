// The overstapplanner page: DUO's overview of Mijn DUO users in, a plan per
// person out, all in this page (nothing is sent or stored unless the person
// downloads an export). The reading and planning is the shared module's, the
// same code as `npm run planner`.
import browser from "webextension-polyfill";
import { dutchDay } from "../../eherkenning/dates.ts";
import {
  checklistCsv,
  checklistXlsx,
  DEFAULT_INACTIVE_MONTHS,
  DECISIONS,
  dutchToday,
  formatDayInput,
  formatIssue,
  readDayInput,
  MAX_OVERVIEW_BYTES,
  parseOverviewAsync,
  planOverview,
  PlannerError,
  checkSize,
  type Decision,
  type Overview,
  type Plan,
  type PlannedPerson,
} from "../../eherkenning/planner/index.ts";
import { planToWorld, worldToYaml } from "../../eherkenning/planner/world.ts";
import { h } from "../content/ui/dom.ts";
import { pageTranslator } from "../shared/all-messages.ts";
import { formatDate, resolveLanguage, type Language, type Translate } from "../shared/i18n.ts";
import { loadSettings, saveSettings } from "../shared/storage.ts";

const DECISION_KEYS = {
  "needs-middel": "plannerDecisionNeedsMiddel",
  review: "plannerDecisionReview",
  switched: "plannerDecisionSwitched",
} as const;

interface Loaded {
  readonly name: string;
  readonly bytes: Uint8Array;
  overview?: Overview;
  error?: string | undefined;
  readMs?: number;
}

interface State {
  language: Language;
  t: Translate;
  asOf: string;
  inactiveMonths: number;
  price: string;
  loaded?: Loaded;
  plan?: Plan | undefined;
  filter: { decision: Decision | ""; role: string; search: string };
  realNames: boolean;
}

const state: State = {
  language: "nl",
  t: pageTranslator("nl"),
  asOf: dutchToday(),
  inactiveMonths: DEFAULT_INACTIVE_MONTHS,
  price: "",
  filter: { decision: "", role: "", search: "" },
  realNames: false,
};

const money = (n: number, language: Language): string =>
  n.toLocaleString(language === "nl" ? "nl-NL" : "en-GB", {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });

function priceValue(): number | undefined {
  const text = state.price.trim().replace(",", ".");
  if (text === "") return undefined;
  const n = Number(text);
  return Number.isFinite(n) && n >= 0 && n <= 1_000_000 ? n : undefined;
}

function day(iso: string): string {
  return formatDate(dutchDay(iso), state.language);
}

function field(id: string, label: string, control: HTMLElement, help?: string): HTMLElement {
  if (help) control.setAttribute("aria-describedby", `${id}-help`);
  return h(
    "div",
    { class: "field" },
    h("label", { for: id }, label),
    control,
    help ? h("p", { class: "help", id: `${id}-help` }, help) : null,
  );
}

function errorText(name: string, error: unknown): string {
  return error instanceof PlannerError || error instanceof RangeError
    ? error.message
    : `${name}: ${String(error)}`;
}

/** Plans the file read; errors become a message, never a crash. */
function replan(): void {
  const loaded = state.loaded;
  state.plan = undefined;
  if (!loaded?.overview) return;
  try {
    const price = priceValue();
    state.plan = planOverview(loaded.overview, {
      asOf: state.asOf,
      inactiveMonths: state.inactiveMonths,
      ...(price !== undefined ? { pricePerMiddel: price } : {}),
    });
    loaded.error = undefined;
  } catch (error) {
    loaded.error = errorText(loaded.name, error);
  }
}

/** Reads the file (XLSX inflated by the browser's own DecompressionStream) and plans it; readMs covers both. */
async function readAndPlan(loaded: Loaded): Promise<void> {
  const started = performance.now();
  try {
    loaded.overview = await parseOverviewAsync(loaded.name, loaded.bytes);
  } catch (error) {
    loaded.error = errorText(loaded.name, error);
    return;
  }
  replan();
  loaded.readMs = Math.round(performance.now() - started);
}

async function load(file: File): Promise<void> {
  const status = document.getElementById("planner-status");
  if (status) status.textContent = state.t("plannerReading");
  try {
    checkSize(file.name, file.size, MAX_OVERVIEW_BYTES);
    state.loaded = { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
  } catch (error) {
    state.loaded = { name: file.name, bytes: new Uint8Array(), error: (error as Error).message };
    render();
    return;
  }
  state.filter = { decision: "", role: "", search: "" };
  // Let the status paint before the reading starts.
  await new Promise((resolve) => setTimeout(resolve, 0));
  const loaded = state.loaded;
  await readAndPlan(loaded);
  if (state.loaded === loaded) render(); // else a newer file is being read
}

function download(name: string, type: string, data: BlobPart): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = h("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function baseName(): string {
  return (state.loaded?.name ?? "overzicht").replace(/\.[^.]+$/, "");
}

// ---- Parts of the page -------------------------------------------------------

function header(): HTMLElement {
  const { t } = state;
  const language = h(
    "select",
    { id: "planner-language" },
    h("option", { value: "nl" }, "Nederlands"),
    h("option", { value: "en" }, "English"),
  );
  language.value = state.language;
  language.addEventListener("change", () => {
    void saveSettings({ language: language.value as Language }).then(() => start());
  });
  return h(
    "header",
    { class: "top" },
    h("img", { src: browser.runtime.getURL("icons/icon-48.png"), alt: "" }),
    h("h1", {}, t("plannerTitle")),
    h(
      "div",
      { class: "no-print", style: "margin-left:auto" },
      h("label", { for: "planner-language" }, t("plannerLanguageLabel")),
      language,
    ),
  );
}

function inputs(): HTMLElement {
  const { t } = state;
  const file = h("input", {
    id: "planner-file",
    type: "file",
    accept:
      ".tsv,.csv,.txt,.xlsx,text/tab-separated-values,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  });
  file.addEventListener("change", () => {
    const chosen = file.files?.[0];
    if (chosen) void load(chosen);
  });
  const drop = h(
    "div",
    { class: "drop" },
    field("planner-file", t("plannerFileLabel"), file, t("plannerFileHelp")),
  );
  drop.addEventListener("dragover", (event) => {
    event.preventDefault();
    drop.classList.add("over");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    drop.classList.remove("over");
    const dropped = event.dataTransfer?.files[0];
    if (dropped) void load(dropped);
  });

  // A text field, not type="date": Chromium shows a date field in the format of
  // its own UI language (mm/dd/yyyy in an English browser), whatever the page's
  // lang says. Dutch forms write dd-mm-jjjj; YYYY-MM-DD is read as well.
  const date = h("input", {
    id: "planner-date",
    type: "text",
    value: formatDayInput(state.asOf),
    required: "",
    inputmode: "numeric",
    autocomplete: "off",
    placeholder: t("plannerDatePlaceholder"),
    pattern: "\\s*(\\d{1,2}[\\-\\/.]\\d{1,2}[\\-\\/.]\\d{4}|\\d{4}-\\d{2}-\\d{2})\\s*",
  });
  const dateHelp = (): HTMLElement | null => document.getElementById("planner-date-help");
  // Typing takes effect at once (no re-plan per key); leaving the field re-plans.
  date.addEventListener("input", () => {
    const day = readDayInput(date.value);
    if (day) state.asOf = day;
  });
  date.addEventListener("change", () => {
    const day = readDayInput(date.value);
    date.setAttribute("aria-invalid", String(!day));
    const help = dateHelp();
    if (help) {
      help.textContent = day ? t("plannerDateHelp") : t("plannerDateInvalid", date.value.trim());
      help.classList.toggle("invalid", !day);
    }
    if (!day) return;
    date.value = formatDayInput(day);
    state.asOf = day;
    replan();
    renderResults();
  });
  const months = h("input", {
    id: "planner-months",
    type: "number",
    min: "1",
    max: "600",
    step: "1",
    value: String(state.inactiveMonths),
  });
  months.addEventListener("change", () => {
    const n = Number(months.value);
    if (!Number.isInteger(n) || n < 1 || n > 600) return;
    state.inactiveMonths = n;
    replan();
    renderResults();
  });
  const price = h("input", {
    id: "planner-price",
    type: "number",
    min: "0",
    step: "0.01",
    inputmode: "decimal",
    value: state.price,
  });
  price.addEventListener("change", () => {
    state.price = price.value;
    replan();
    renderResults();
  });
  return h(
    "section",
    { class: "card no-print" },
    h("p", { class: "intro" }, t("plannerIntro")),
    h("p", { class: "intro help" }, t("plannerLocal")),
    drop,
    h(
      "div",
      { class: "settings" },
      field("planner-date", t("plannerDateLabel"), date, t("plannerDateHelp")),
      field("planner-months", t("plannerMonthsLabel"), months),
      field("planner-price", t("plannerPriceLabel"), price, t("plannerPriceHelp")),
    ),
    h("p", { class: "note status", id: "planner-status", role: "status" }),
  );
}

function summary(plan: Plan): HTMLElement {
  const { t, language } = state;
  const s = plan.summary;
  const counts = DECISIONS.map((d) =>
    h(
      "li",
      {},
      h("strong", {}, s.byDecision[d]),
      h("span", { class: `decision ${d}` }, t(DECISION_KEYS[d])),
      " ",
      d === "needs-middel"
        ? t("plannerHelpNeedsMiddel", s.level, s.machtiging)
        : d === "review"
          ? t("plannerHelpReview")
          : t("plannerHelpSwitched"),
    ),
  );
  const roles = h(
    "table",
    {},
    h("caption", {}, t("plannerRolesTitle")),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", { scope: "col" }, t("plannerColRole")),
        h("th", { scope: "col" }, t("plannerColPersons")),
        ...DECISIONS.map((d) => h("th", { scope: "col" }, t(DECISION_KEYS[d]))),
      ),
    ),
    h(
      "tbody",
      {},
      ...s.byRole.map((r) =>
        h(
          "tr",
          {},
          h("th", { scope: "row" }, r.role),
          h("td", {}, r.persons),
          ...DECISIONS.map((d) => h("td", {}, r.byDecision[d])),
        ),
      ),
    ),
  );
  return h(
    "section",
    { class: "card", "aria-labelledby": "planner-summary" },
    h("h2", { id: "planner-summary" }, t("plannerSummaryTitle")),
    h("p", {}, t("plannerAsOf", day(s.asOf), day(s.activeSince), s.inactiveMonths)),
    h("ul", { class: "counts" }, ...counts),
    h(
      "p",
      {},
      h("strong", {}, t("plannerToBuy", s.middelenToBuy, s.level, s.machtiging, s.provider)),
    ),
    h(
      "p",
      {},
      s.costs
        ? t(
            "plannerCost",
            money(s.costs.pricePerMiddel, language),
            money(s.costs.yearlyCost, language),
            money(s.costs.yearlyCostIncludingReview, language),
            money(s.costs.savingByRemovingReview, language),
          )
        : h("span", { class: "help" }, t("plannerNoPrice")),
    ),
    roles,
  );
}

function issues(overview: Overview): HTMLElement | null {
  if (overview.issues.length === 0) return null;
  return h(
    "section",
    { class: "card no-print", "aria-labelledby": "planner-issues" },
    h("h2", { id: "planner-issues" }, state.t("plannerIssuesTitle", overview.issues.length)),
    h(
      "ul",
      { class: "issues", tabindex: "0", "aria-labelledby": "planner-issues" },
      ...overview.issues.map((i) => h("li", {}, formatIssue(i))),
    ),
  );
}

function personRow(p: PlannedPerson): HTMLElement {
  const { t } = state;
  const byRole = new Map<string, string[]>();
  for (const r of p.roles) {
    const list = byRole.get(r.role) ?? [];
    if (r.selection) list.push(r.selection);
    byRole.set(r.role, list);
  }
  const roles = h(
    "ul",
    {},
    ...[...byRole].map(([role, selections]) =>
      h("li", {}, role, selections.length ? `: ${selections.join(", ")}` : ""),
    ),
  );
  const cut = (key: string, node: HTMLElement | string): HTMLElement | string =>
    p.cut.includes(key as never)
      ? h("span", { class: "cut", title: t("plannerCut") }, node, "*")
      : node;
  return h(
    "tr",
    { "data-decision": p.decision },
    h(
      "th",
      { scope: "row" },
      p.name,
      p.beheerder ? h("span", { class: "tag" }, t("plannerBeheerder")) : null,
    ),
    h("td", {}, p.email),
    h("td", {}, roles),
    h(
      "td",
      {},
      p.lastLogin
        ? cut("lastLogin", day(p.lastLogin))
        : p.unreadableLogin
          ? t("plannerUnreadable")
          : t("plannerNever"),
    ),
    h("td", {}, p.loginMeans ? cut("loginMeans", p.loginMeans) : "–"),
    h("td", {}, h("span", { class: `decision ${p.decision}` }, t(DECISION_KEYS[p.decision]))),
  );
}

function visiblePersons(plan: Plan): PlannedPerson[] {
  const { decision, role, search } = state.filter;
  const q = search.trim().toLowerCase();
  return plan.persons.filter(
    (p) =>
      (decision === "" || p.decision === decision) &&
      (role === "" || p.roles.some((r) => r.role === role)) &&
      (q === "" || p.name.toLowerCase().includes(q) || p.email.toLowerCase().includes(q)),
  );
}

/**
 * Rows the table holds at first, and adds per "show more": laying out every
 * row of a 1,500-person overview froze the page for seconds (Chromium's
 * layout, not our code). Filters and search reach everyone; printing shows all.
 */
const TABLE_PAGE_ROWS = 200;

/** Shows every row of the table on the page now (set while a plan is shown); for printing. */
let showAllRows: (() => void) | undefined;
window.addEventListener("beforeprint", () => showAllRows?.());

function personsTable(plan: Plan): HTMLElement {
  const { t } = state;
  const tbody = h("tbody", {});
  const shown = h("p", { class: "note", role: "status", id: "planner-shown" });
  const more = h("div", { class: "more no-print" });
  let persons: PlannedPerson[] = [];
  /** Shows rows up to `limit`, appending to the rows already there. */
  const showUpTo = (limit: number): void => {
    const from = tbody.children.length;
    const to = Math.min(limit, persons.length);
    if (to > from) tbody.append(...persons.slice(from, to).map(personRow));
    const rest = persons.length - to;
    more.replaceChildren(
      ...(rest === 0
        ? []
        : [
            h("p", { class: "note" }, t("plannerRowsShown", to, persons.length)),
            moreButton(t("plannerShowMore", Math.min(TABLE_PAGE_ROWS, rest)), "planner-more", () =>
              showUpTo(to + TABLE_PAGE_ROWS),
            ),
            moreButton(t("plannerShowAll", persons.length), "planner-all", () =>
              showUpTo(persons.length),
            ),
          ]),
    );
  };
  const fill = (): void => {
    persons = visiblePersons(plan);
    tbody.replaceChildren();
    showUpTo(TABLE_PAGE_ROWS);
    shown.textContent = t("plannerShown", persons.length, plan.persons.length);
  };
  showAllRows = () => showUpTo(persons.length);
  const decision = h(
    "select",
    { id: "planner-filter-decision" },
    h("option", { value: "" }, t("plannerFilterAll")),
    ...DECISIONS.map((d) => h("option", { value: d }, t(DECISION_KEYS[d]))),
  );
  decision.value = state.filter.decision;
  decision.addEventListener("change", () => {
    state.filter.decision = decision.value as Decision | "";
    fill();
  });
  const role = h(
    "select",
    { id: "planner-filter-role" },
    h("option", { value: "" }, t("plannerFilterAll")),
    ...plan.summary.byRole.map((r) => h("option", { value: r.role }, r.role)),
  );
  role.value = state.filter.role;
  role.addEventListener("change", () => {
    state.filter.role = role.value;
    fill();
  });
  const search = h("input", {
    id: "planner-filter-search",
    type: "search",
    value: state.filter.search,
  });
  search.addEventListener("input", () => {
    state.filter.search = search.value;
    fill();
  });
  fill();
  return h(
    "section",
    { class: "card", "aria-labelledby": "planner-table-caption" },
    h(
      "div",
      { class: "filters no-print" },
      field("planner-filter-decision", t("plannerFilterDecision"), decision),
      field("planner-filter-role", t("plannerFilterRole"), role),
      field("planner-filter-search", t("plannerFilterSearch"), search),
    ),
    shown,
    h(
      "table",
      {},
      h("caption", { id: "planner-table-caption" }, t("plannerTableCaption")),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          ...(
            [
              "plannerColName",
              "plannerColEmail",
              "plannerColRoles",
              "plannerColLastLogin",
              "plannerColMeans",
              "plannerColDecision",
            ] as const
          ).map((k) => h("th", { scope: "col" }, t(k))),
        ),
      ),
      tbody,
    ),
    more,
  );
}

function moreButton(label: string, id: string, onClick: () => void): HTMLButtonElement {
  const button = h("button", { type: "button", class: "secondary", id }, label);
  button.addEventListener("click", onClick);
  return button;
}

function exports(plan: Plan): HTMLElement {
  const { t, language } = state;
  const button = (label: string, onClick: () => void): HTMLButtonElement => {
    const b = h("button", { type: "button", class: "secondary" }, label);
    b.addEventListener("click", onClick);
    return b;
  };
  const realNames = h("input", { type: "checkbox", id: "planner-real-names" });
  realNames.checked = state.realNames;
  realNames.addEventListener("change", () => (state.realNames = realNames.checked));
  return h(
    "section",
    { class: "card no-print", "aria-labelledby": "planner-exports" },
    h("h2", { id: "planner-exports" }, t("plannerExportsTitle")),
    h("p", { class: "help" }, t("plannerExportHelp")),
    h(
      "div",
      { class: "row" },
      button(t("plannerExportCsv"), () =>
        download(
          `${baseName()}-checklist.csv`,
          "text/csv;charset=utf-8",
          checklistCsv(plan, { language, delimiter: language === "nl" ? ";" : "," }),
        ),
      ),
      button(t("plannerExportXlsx"), () =>
        download(
          `${baseName()}-checklist.xlsx`,
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          checklistXlsx(plan, { language }) as Uint8Array<ArrayBuffer>,
        ),
      ),
      button(t("plannerExportWorld"), () => {
        const world = planToWorld(plan, { realNames: state.realNames });
        const note = [
          `TEST WORLD for the eh-overstap mock makelaar, written by the planner page from ${state.loaded?.name ?? "?"} (plan as of ${plan.summary.asOf}).`,
          "KvK numbers, RSINs, passwords and codes are INVENTED; load it with: npm start -- --config <this file>",
          state.realNames
            ? "It holds REAL names and e-mail addresses from the overview: personal data, keep it private."
            : "Names and e-mail addresses are pseudonymised (Testpersoon 001 ...), in the plan's order.",
        ].join("\n");
        download(`${baseName()}-wereld.yaml`, "application/yaml", worldToYaml(world, note));
      }),
      button(t("plannerPrint"), () => window.print()),
    ),
    h("label", { class: "check", for: "planner-real-names" }, realNames, t("plannerRealNames")),
  );
}

// ---- Rendering ------------------------------------------------------------------

function renderResults(): void {
  const results = document.getElementById("planner-results");
  if (!results) return;
  const { t, loaded, plan } = state;
  const status = document.getElementById("planner-status");
  if (!loaded) {
    results.replaceChildren();
    return;
  }
  if (loaded.error) {
    if (status) status.textContent = "";
    results.replaceChildren(
      h(
        "div",
        { class: "error", role: "alert" },
        h("strong", {}, t("plannerErrorTitle")),
        h("p", {}, loaded.error),
      ),
    );
    return;
  }
  if (!plan || !loaded.overview) return;
  if (status) {
    status.textContent = t(
      "plannerRead",
      loaded.name,
      plan.summary.persons,
      loaded.overview.dataRows,
      loaded.readMs ?? 0,
    );
    status.dataset.ms = String(loaded.readMs ?? 0);
  }
  results.replaceChildren(
    summary(plan),
    issues(loaded.overview) ?? "",
    personsTable(plan),
    exports(plan),
  );
}

function render(): void {
  const app = document.getElementById("app");
  if (!app) return;
  document.documentElement.lang = state.language;
  document.title = state.t("plannerTitle");
  app.replaceChildren(header(), inputs(), h("div", { id: "planner-results" }));
  renderResults();
}

async function start(): Promise<void> {
  const settings = await loadSettings();
  state.language = resolveLanguage(settings.language, browser.i18n.getUILanguage());
  state.t = pageTranslator(state.language);
  render();
}

// A file dropped beside the box must not replace the page.
window.addEventListener("dragover", (event) => event.preventDefault());
window.addEventListener("drop", (event) => event.preventDefault());
void start();
