// Recognising the Mijn DUO login page by its words and working out where our
// panel may go without moving any of the page's own login controls.
import { CLICKABLE, HEADING_LIKE, LOGIN } from "./selectors.ts";
import { isHidden, textOf } from "./text.ts";
import { isOurs } from "./ui/mount.ts";

export interface LoginPage {
  /** The "Log in met eHerkenning" control. */
  readonly eherkenningButton: HTMLElement;
  /** The block around it: the "Met eHerkenning" way. */
  readonly eherkenningSection: HTMLElement;
  /** Token fields, their submit button and "Problemen met inloggen". */
  readonly loginControls: readonly HTMLElement[];
  /** Where the panel goes: appended to `parent`, or inserted before `before`. */
  readonly placement: { readonly parent: Element; readonly before: Node | null };
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

function isBeside(section: Element, control: Element): boolean {
  const a = section.getBoundingClientRect();
  const b = control.getBoundingClientRect();
  if (a.width === 0 && a.height === 0) return false;
  return b.top < a.bottom && (b.left >= a.right || b.right <= a.left);
}

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
    (el) => !isOurs(el) && LOGIN.troubleLink.test(textOf(el)),
  );
  const loginControls = [...new Set([...fields, ...submit, ...trouble])].filter(
    (el) => !eherkenningButton.contains(el),
  );

  const eherkenningSection = highestAncestorWithout(eherkenningButton, loginControls);
  const following = loginControls.filter(
    (c) => eherkenningSection.compareDocumentPosition(c) & Node.DOCUMENT_POSITION_FOLLOWING,
  );
  let placement: LoginPage["placement"] = { parent: eherkenningSection, before: null };
  if (following.length > 0 && !following.every((c) => isBeside(eherkenningSection, c))) {
    // Something of the login form sits below the eHerkenning way: go below the whole login area.
    const area = commonAncestor([eherkenningSection, ...loginControls]) ?? eherkenningSection;
    let after: Element = area;
    if (area === doc.body) after = following[following.length - 1] ?? eherkenningSection;
    placement = { parent: after.parentElement ?? doc.body, before: after.nextSibling };
  }
  return { eherkenningButton, eherkenningSection, loginControls, placement };
}
