import { describe, expect, it } from "vitest";
import { pageKindOf } from "./pages.ts";

describe("pageKindOf", () => {
  it.each([
    ["https://mijn.duo.nl/", "login"],
    ["https://mijn.duo.nl/isam/sps/auth", "login"],
    ["https://duo.nl/zakelijk/mbo/inloggen/", "login"],
    ["https://www.duo.nl/zakelijk/vo/inloggen/", "login"],
    ["https://www.eherkenning.nl/inloggen-met-eherkenning/betrouwbaarheidsniveaus/eh3", "level"],
    [
      "https://www.eherkenning.nl/en/inloggen-met-eherkenning/betrouwbaarheidsniveaus/eh2-plus",
      "level",
    ],
    ["https://www.eherkenning.nl/en/logging-in-with-eherkenning/levels-of-assurance/eh4", "level"],
    ["https://www.eherkenning.nl/aangesloten-organisaties", "listing"],
    ["https://www.eherkenning.nl/aanvragen/machtigingen", "listing"],
  ])("%s is a %s page", (url, kind) => {
    expect(pageKindOf(url)).toBe(kind);
  });

  it.each([
    "https://duo.nl/particulier/",
    "http://mijn.duo.nl/",
    "https://mijn.duo.nl.example.com/",
    "https://example.com/eherkenning",
    "not a url",
    undefined,
  ])("%s is none of ours", (url) => {
    expect(pageKindOf(url)).toBeUndefined();
  });
});
