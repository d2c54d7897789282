// On an eherkenning.nl level page: the person's own services, and whether a
// middel at this page's level is enough for each.
import type { Level } from "../../../eherkenning/levels.ts";
import type { Language, Translate } from "../../shared/i18n.ts";
import type { MyServiceAnswer } from "../../shared/messages.ts";
import { hintText } from "./badge.ts";
import { h } from "./dom.ts";
import { createHost, type Mounted } from "./mount.ts";
import { buttonLink, panel } from "./panel.ts";

export interface LevelPanelInput {
  readonly t: Translate;
  readonly language: Language;
  readonly pageLevel: Level;
  readonly services: readonly MyServiceAnswer[];
  readonly onDismiss: () => void;
  readonly onOpenOptions: () => void;
}

export function renderLevelPanel(input: LevelPanelInput): Mounted {
  const { t, language, pageLevel, services } = input;
  const mounted = createHost("level", "panel", { language });
  const options = buttonLink(t("levelChooseServices"), input.onOpenOptions);

  const body =
    services.length === 0
      ? h("p", {}, t("levelNoServices"), " ", options)
      : h(
          "table",
          {},
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              h("th", { scope: "col" }, t("service")),
              h("th", { scope: "col" }, t("catalogueLevel")),
              h("th", { scope: "col" }, t("levelEnoughHeader", pageLevel)),
            ),
          ),
          h(
            "tbody",
            {},
            ...services.map((s) =>
              h(
                "tr",
                {},
                h("td", {}, s.service, h("span", { class: "hint" }, s.provider)),
                h("td", {}, h("span", { class: "badge" }, s.level)),
                h(
                  "td",
                  {},
                  h(
                    "span",
                    { class: s.enough ? "badge ok" : "badge warn" },
                    s.enough ? `✓ ${t("enough")}` : `✗ ${t("notEnough")}`,
                  ),
                  ...s.hints
                    .filter((hint) => hint.kind === "transition")
                    .map((hint) => h("span", { class: "hint" }, hintText(hint, t, language))),
                ),
              ),
            ),
          ),
        );
  mounted.root.append(
    panel(
      {
        t,
        idName: "level-title",
        title: t("levelTitle", pageLevel),
        dismissLabel: t("dismissLevelLabel"),
        onDismiss: input.onDismiss,
      },
      body,
      services.length > 0 ? h("p", { class: "note" }, t("levelEditNote"), " ", options) : null,
    ),
  );
  return mounted;
}
