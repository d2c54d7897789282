// @vitest-environment happy-dom
import { describe, expect, it, vi } from "vitest";
import nl from "../public/_locales/nl/messages.json";

// Right after install in a browser whose UI speaks English, for a person who
// chose Dutch: the background has not stored the texts yet, but answers.
const sendMessage = vi.fn(async (request: { type: string; language: string }) =>
  request.type === "texts" && request.language === "nl" ? nl : undefined,
);
vi.mock("../shared/native.ts", () => ({
  ext: () => ({
    storage: { local: { get: async () => ({ settings: { language: "nl" } }) } },
    i18n: { getUILanguage: () => "en-US", getMessage: () => "English from the browser" },
    runtime: { sendMessage },
  }),
}));
const { pageContext } = await import("./context.ts");

describe("the content script's texts", () => {
  it("are in the person's language even before the background stored them", async () => {
    const { language, t } = await pageContext();
    expect(language).toBe("nl");
    expect(sendMessage).toHaveBeenCalledWith({ type: "texts", language: "nl" });
    expect(t("requiredLevel")).toBe("Niveau");
  });
});
