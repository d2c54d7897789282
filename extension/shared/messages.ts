// The messages between the content script, the popup, the options page and the
// background. Every request has a `type`; the background answers each one.
import type { Level } from "../../eherkenning/levels.ts";
import type { Language, MessageKey } from "./i18n.ts";
import type { Hint } from "./hints.ts";
import type { PageKind } from "./pages.ts";

export interface LookupItem {
  /** The service as the page writes it: a name or a description. */
  readonly name: string;
  readonly provider?: string | undefined;
  /** The page's own words for the service's level ("EH3", "niveau 2 of 2+"), if it states one. */
  readonly stated?: string | undefined;
  /** `stated` is a level cell on its own, where a bare "3" means EH3. */
  readonly statedAlone?: boolean | undefined;
}

export interface ServiceAnswer {
  readonly service: string;
  readonly provider: string;
  readonly serviceUUID: string;
  readonly level: Level;
  /** certain: the page names the service; likely: the page describes it. */
  readonly confidence: "certain" | "likely";
  readonly hints: readonly Hint[];
}

export interface MyServiceAnswer extends ServiceAnswer {
  /** Whether a middel at the page's level is enough for this service today. */
  readonly enough: boolean;
}

export interface CatalogueStatus {
  readonly source: "bundled" | "aggregator";
  readonly serviceCount: number;
  /** When the catalogue in use was issued (its IssueInstant), if it says. */
  readonly issueInstant?: string | undefined;
  /** When it was downloaded; absent for the bundled snapshot. */
  readonly fetchedAt?: string | undefined;
  /** The last refresh that failed, and why; the catalogue above stayed in use. */
  readonly lastError?: { readonly at: string; readonly message: string } | undefined;
}

export type Request =
  | { readonly type: "lookup"; readonly items: readonly LookupItem[] }
  | { readonly type: "myServices"; readonly pageLevel: Level }
  | { readonly type: "search"; readonly query: string }
  | { readonly type: "byUUID"; readonly serviceUUIDs: readonly string[] }
  | { readonly type: "catalogueStatus" }
  | { readonly type: "useBundled" }
  | { readonly type: "openOptions" }
  | { readonly type: "openPlanner" }
  /** The content scripts' texts, for a page that ran before the background stored them. */
  | { readonly type: "texts"; readonly language: Language }
  /** The date the extension judges by (the real date unless set). */
  | { readonly type: "judgementDate" }
  /**
   * Tests and the kit: judge as if it were this day ("2022-06-15") or time (ISO);
   * null goes back to the real date. Kept in storage.session.
   */
  | { readonly type: "setJudgementDate"; readonly date: string | null }
  /**
   * The popup, on the person's request: annotate this tab (any site, under
   * activeTab) and answer with what was found.
   */
  | { readonly type: "annotateTab"; readonly tabId: number };

export interface Responses {
  lookup: { readonly results: readonly (ServiceAnswer | null)[] };
  myServices: { readonly services: readonly MyServiceAnswer[] };
  search: { readonly services: readonly ServiceAnswer[] };
  byUUID: { readonly services: readonly ServiceAnswer[] };
  catalogueStatus: CatalogueStatus;
  useBundled: CatalogueStatus;
  openOptions: null;
  openPlanner: null;
  texts: Record<MessageKey, { readonly message: string }>;
  judgementDate: JudgementDateAnswer;
  setJudgementDate: JudgementDateAnswer;
  annotateTab: AnnotateAnswer;
}

export type AnnotateAnswer =
  | { readonly ok: true; readonly summary: PageSummary | null }
  /** The page could not be read: a browser page, or no activeTab grant (not asked from the toolbar). */
  | { readonly ok: false; readonly message: string };

export interface JudgementDateAnswer {
  /** ISO time of the date in use. */
  readonly date: string;
  /** Whether it was set (a test or the kit), not the real date. */
  readonly set: boolean;
}

export type ResponseTo<R extends Request> = Responses[R["type"]];

/** Progress and result of a refresh, posted on a port named REFRESH_PORT. */
export const REFRESH_PORT = "catalogue-refresh";
export type RefreshEvent =
  | { readonly type: "progress"; readonly received: number; readonly total: number | null }
  | { readonly type: "done"; readonly status: CatalogueStatus }
  | { readonly type: "failed"; readonly message: string; readonly status: CatalogueStatus };

/** Background to the on-request script it injected: your summary, once the page is annotated. */
export const REQUESTED_SUMMARY = "requestedSummary";

/** Popup to content script: what did you find on this page? */
export interface PageSummaryRequest {
  readonly type: "pageSummary";
}
export interface PageSummary {
  readonly kind: PageKind;
  readonly dismissed: boolean;
  readonly services: readonly (ServiceAnswer & { readonly enough?: boolean })[];
  readonly pageLevel?: Level | undefined;
  /** The language the page's annotations use (the page's own, with the setting "auto"). */
  readonly language?: Language | undefined;
}
