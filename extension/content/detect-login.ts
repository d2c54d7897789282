// Recognising the Mijn DUO login page by its words and working out where our
// panel may go without moving any of the page's own login controls.
import { CLICKABLE, HEADING_LIKE, LOGIN } from "./selectors.ts";
import { isHidden, textOf } from "./text.ts";
import { isOurs } from "./ui/mount.ts";

export interface Placement {
  readonly parent: Element;
  readonly before: Node | null;
}

export interface LoginPage {
  /** The "Log in met eHerkenning" control. */
  readonly eherkenningButton: HTMLElement;
  /** The block around it: the "Met eHerkenning" way. */
  readonly eherkenningSection: HTMLElement;
  /** Token fields, their submit button, "Problemen met inloggen" and the eHerkenning button. */
  readonly loginControls: readonly HTMLElement[];
  /** Beside the eHerkenning button, at the end of its section. */
  readonly beside: Placement;
  /** Right after the whole login area, where nothing of the login can move. */
  readonly below: Placement;
}

function labelTexts(input: HTMLInputElement): string[] {
  const labels = input.labels ? [...input.labels] : [];
  const byId = input
    .getAttribute("aria-labelledby")
    ?.split(/\s+/)
    .map((id) => input.ownerDocument.getElementById(id))
    .filter((e): e is HTMLElement => !!e);
  const parts = [...labels, ...(byId ?? [])].map(textOf);
  parts.push(input.getAttribute("aria-label") ?? "", input.getAttribute("placeholder") ?? "");
  return parts.filter(Boolean);
}

function matchesAny(text: string, patterns: readonly RegExp[]): boolean {
  return patterns.some((p) => p.test(text));
}

/** Inputs of the token form, recognised by type or by their label. */
function tokenFields(doc: Document): HTMLInputElement[] {
  const fieldLabels = [LOGIN.usernameLabel, LOGIN.passwordLabel, LOGIN.tokenLabel];
  return [...doc.querySelectorAll<HTMLInputElement>("input")].filter((input) => {
    if (isOurs(input) || input.type === "hidden") return false;
    if (input.type === "password") return true;
    return labelTexts(input).some((label) => matchesAny(label, fieldLabels));
  });
}

function highestAncestorWithout(start: HTMLElement, excluded: readonly Element[]): HTMLElement {
  let current = start;
  for (
    let parent = current.parentElement;
    parent && parent !== start.ownerDocument.body;
    parent = parent.parentElement
  ) {
    if (excluded.some((e) => parent.contains(e))) break;
    current = parent;
  }
  return current;
}

function commonAncestor(elements: readonly Element[]): Element | null {
  const [first, ...rest] = elements;
  for (
    let candidate = first?.parentElement ?? null;
    candidate;
    candidate = candidate.parentElement
  ) {
    if (rest.every((e) => candidate.contains(e))) return candidate;
  }
  return null;
}

/** Links in the page's header, navigation or footer are not part of the login form. */
const inChrome = (el: Element): boolean =>
  !!el.closest("footer, nav, header, [role='contentinfo'], [role='navigation']");

export function detectLoginPage(doc: Document): LoginPage | undefined {
  const buttons = [...doc.querySelectorAll<HTMLElement>(CLICKABLE)].filter(
    (el) => !isOurs(el) && !isHidden(el) && LOGIN.eherkenningButton.test(textOf(el)),
  );
  const eherkenningButton = buttons[0];
  if (!eherkenningButton) return undefined;

  const headings = [...doc.querySelectorAll(HEADING_LIKE)].filter((el) => !isOurs(el));
  const headingText = headings.map(textOf);
  const hasEherkenningHeading = headingText.some((t) => LOGIN.eherkenningHeading.test(t));
  const hasTokenHeading = headingText.some((t) => LOGIN.tokenHeading.test(t));
  const fields = tokenFields(doc);
  // A page that only mentions eHerkenning is not a login page: it needs the
  // "Met eHerkenning" way named, or the token way beside it.
  if (!hasEherkenningHeading && !hasTokenHeading && fields.length === 0) return undefined;

  const form = fields[0]?.form;
  const submit = form
    ? [...form.querySelectorAll<HTMLElement>(CLICKABLE)].filter(
        (el) => !el.contains(eherkenningButton),
      )
    : [];
  const trouble = [...doc.querySelectorAll<HTMLElement>("a[href], button")].filter(
    (el) => !isOurs(el) && !inChrome(el) && LOGIN.troubleLink.test(textOf(el)),
  );
  const tokenControls = [...new Set([...fields, ...submit, ...trouble])].filter(
    (el) => !eherkenningButton.contains(el),
  );

  const eherkenningSection = highestAncestorWithout(eherkenningButton, tokenControls);
  const loginControls = [eherkenningButton, ...tokenControls];
  const area =
    commonAncestor([eherkenningSection, ...tokenControls]) ??
    eherkenningSection.parentElement ??
    doc.body;
  // The child of the login area holding the last control: the panel goes after it.
  let last: Element = eherkenningSection;
  for (const control of loginControls) {
    if (
      last.compareDocumentPosition(control) & Node.DOCUMENT_POSITION_FOLLOWING &&
      !last.contains(control)
    ) {
      last = control;
    }
  }
  while (last.parentElement && last.parentElement !== area) last = last.parentElement;
  return {
    eherkenningButton,
    eherkenningSection,
    loginControls,
    beside: { parent: eherkenningSection, before: null },
    below: { parent: last.parentElement ?? doc.body, before: last.nextSibling },
  };
}

/** Where each control is on screen, to check that our panel moved none of them. */
export function controlPositions(controls: readonly Element[]): string {
  return controls
    .map((c) => {
      const r = c.getBoundingClientRect();
      return `${Math.round(r.left)},${Math.round(r.top)},${Math.round(r.width)},${Math.round(r.height)}`;
    })
    .join(" ");
}

/**
 * Puts the panel beside the eHerkenning button when that moves none of the
 * page's login controls (checked with the real layout), else below the login area.
 */
export function placePanel(page: LoginPage, host: HTMLElement): "beside" | "below" {
  const before = controlPositions(page.loginControls);
  page.beside.parent.insertBefore(host, page.beside.before);
  if (controlPositions(page.loginControls) === before) return "beside";
  page.below.parent.insertBefore(host, page.below.before);
  return "below";
}
