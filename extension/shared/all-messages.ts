// Every UI string, for the popup and the options page.
import en from "../public/_locales/en/messages.json";
import nl from "../public/_locales/nl/messages.json";
import { translator, type Language, type MessageKey, type Translate } from "./i18n.ts";

const ALL: Record<Language, Record<MessageKey, { message: string }>> = { nl, en };

export function pageTranslator(language: Language): Translate {
  return translator(ALL[language]);
}
