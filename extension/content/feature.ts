// The shape every content feature has. One file per feature under features/,
// its file name is its id, and registry.ts lists them all.
import type { PageKind } from "../shared/pages.ts";
import type { PageSummary } from "../shared/messages.ts";

export interface Feature {
  readonly id: string;
  readonly kind: PageKind;
  /** Cheap URL check; the feature still checks the page's words in init. */
  matches(url: URL): boolean;
  /** Optional work to start before the page is parsed, such as waking the background. */
  prepare?(): void;
  /** Annotates the page once its DOM is there; everything it starts ends when the signal aborts. */
  init(signal: AbortSignal): Promise<void>;
  /** What the feature found, for the popup; undefined when it found nothing. */
  summary(): PageSummary | undefined;
}
