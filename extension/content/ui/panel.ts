// The frame the page panels share: a section named by its heading (our brand
// and a title), with a button that hides it, then the panel's own content.
import type { Translate } from "../../shared/i18n.ts";
import { h, uniqueId, type Child } from "./dom.ts";

export interface PanelFrame {
  readonly t: Translate;
  /** Names the heading's id, which labels the section. */
  readonly idName: string;
  readonly title: string;
  /** Accessible name of the hide button, saying what it hides. */
  readonly dismissLabel: string;
  readonly onDismiss: () => void;
}

/** A button that looks like a link, for actions inside a panel's text. */
export function buttonLink(label: string, onClick: () => void): HTMLButtonElement {
  const button = h("button", { type: "button", class: "link" }, label);
  button.addEventListener("click", onClick);
  return button;
}

export function panel(frame: PanelFrame, ...content: Child[]): HTMLElement {
  const { t } = frame;
  const titleId = uniqueId(frame.idName);
  const dismiss = h("button", { type: "button", "aria-label": frame.dismissLabel }, t("dismiss"));
  dismiss.addEventListener("click", frame.onDismiss);
  return h(
    "section",
    { class: "panel", "aria-labelledby": titleId },
    h(
      "div",
      { class: "head" },
      h(
        "h2",
        { class: "title", id: titleId },
        h("span", { class: "brand" }, t("extName")),
        frame.title,
      ),
      dismiss,
    ),
    ...content,
  );
}
