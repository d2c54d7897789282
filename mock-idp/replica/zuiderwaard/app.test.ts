import supertest from "supertest";
import { beforeAll, describe, expect, it } from "vitest";
import { defaultWorld } from "../../world/default.ts";
import { WorldState } from "../../world/state.ts";
import { pageText } from "../test-support.ts";
import { bedrijfsafvalRequestedLevel, createZuiderwaard, EH1_ACCEPTED_UNTIL } from "./app.ts";

let world: WorldState;
let app: ReturnType<typeof createZuiderwaard>["app"];
beforeAll(async () => {
  world = new WorldState(defaultWorld());
  app = createZuiderwaard({ world }).app;
});

describe("Melding bedrijfsafval's requested level", () => {
  it("is EH1 until the transition's end in KNOWN_OVERSTAPPEN, then the catalogue level", () => {
    const end = EH1_ACCEPTED_UNTIL.getTime();
    expect(EH1_ACCEPTED_UNTIL.toISOString().slice(0, 10)).toBe("2021-05-31");
    expect(bedrijfsafvalRequestedLevel(new Date(end - 1), "EH2+")).toBe("EH1");
    expect(bedrijfsafvalRequestedLevel(new Date(end), "EH2+")).toBe("EH2+");
    expect(bedrijfsafvalRequestedLevel(new Date(end), "EH3")).toBe("EH3");
  });
});

describe("the landing page", () => {
  it("warns before the end date and states the level after it", async () => {
    world.setNow(new Date("2021-05-20T10:00:00+02:00"));
    const before = pageText((await supertest(app).get("/").expect(200)).text);
    expect(before).toContain("Let op: vanaf 1 juni 2021 heeft u eHerkenning op niveau EH2+ nodig.");
    world.setNow(new Date("2021-06-02T10:00:00+02:00"));
    const after = pageText((await supertest(app).get("/").expect(200)).text);
    expect(after).not.toContain("Let op");
    expect(after).toContain(
      'U heeft eHerkenning nodig op niveau EH2+ of hoger, met de machtiging "Melding bedrijfsafval".',
    );
  });

  it("sends people without a session from the melding form back to the start", async () => {
    await supertest(app).get("/melding").expect(303).expect("location", "/");
    await supertest(app).post("/melding").type("form").send({ kg: "10" }).expect(303);
  });
});
