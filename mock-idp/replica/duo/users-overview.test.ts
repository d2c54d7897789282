import supertest from "supertest";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseOverview } from "../../../eherkenning/planner/overview.ts";
import { planOverview } from "../../../eherkenning/planner/plan.ts";
import { defaultWorld } from "../../world/default.ts";
import { WorldState } from "../../world/state.ts";
import { createMijnDuo, type MijnDuo } from "./app.ts";
import { inventedGlobalId, splitDutchName } from "./users-overview.ts";

let world: WorldState;
let duo: MijnDuo;
beforeAll(() => {
  world = new WorldState(defaultWorld());
  duo = createMijnDuo({ world });
});
beforeEach(() => {
  world.reset();
  duo.reset();
  world.setNow(new Date("2022-04-01T10:00:00+02:00"));
});

// Jan is beheerder BVE of BRIN 25PX; Eva is DR_Raadpleger there.
const JAN = { username: "jdevries25px", password: "Duo-jan-2021", otp: "480111" };
const EVA = { username: "ejansen25px", password: "Duo-eva-2021", otp: "480222" };

async function loggedIn(form: Record<string, string>): Promise<string> {
  const res = await supertest(duo.app)
    .post("/isam/token/login")
    .type("form")
    .send(form)
    .expect(303);
  const cookies = res.headers["set-cookie"] as unknown as string[];
  return cookies.find((c) => c.startsWith("MDSESSION="))!.split(";")[0]!;
}

const binary = (res: supertest.Response, cb: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on("data", (c: Buffer) => chunks.push(c));
  res.on("end", () => cb(null, Buffer.concat(chunks)));
};

describe("the beheerder BVE's overview of Mijn DUO users", () => {
  it("offers the download on a beheerder's portal page only", async () => {
    const jan = await supertest(duo.app)
      .get("/portaal/")
      .set("cookie", await loggedIn(JAN));
    expect(jan.text).toContain("Download overzicht (Excel)");
    const eva = await supertest(duo.app)
      .get("/portaal/")
      .set("cookie", await loggedIn(EVA));
    expect(eva.text).not.toContain("Download overzicht");
  });

  it("gives the BRIN's users in DUO's columns as TSV, with the logins this replica saw", async () => {
    const cookie = await loggedIn(JAN);
    const res = await supertest(duo.app)
      .get("/portaal/gebruikers/overzicht.tsv")
      .set("cookie", cookie)
      .expect(200);
    expect(res.headers["content-disposition"]).toBe(
      'attachment; filename="Overzicht Mijn DUO gebruikers 25PX.tsv"',
    );
    expect(res.text.split("\r\n")[0]).toBe(
      "ORGANISATIE_SOORT\tORGANISATIE_CODE\tGLOBALID\tACHTERNAAM\tVOORLETTERS\tVOORVOEGSEL\tTELEFOONNUMMER\tEMAILADRES\tROL_MNEMONIC\tSELKMTYP\tSELKMWAARDE\tINLOGMOMENT\tINLOGNAAM\tTOKENID\tKANAAL_MIDDEL\tINLOGMIDDEL",
    );
    const overview = parseOverview("overzicht.tsv", new TextEncoder().encode(res.text));
    const brin25px = world.persons.filter((p) => p.duo?.brin === "25PX");
    expect(overview.persons).toHaveLength(brin25px.length);
    const jan = overview.persons.find((p) => p.globalId === inventedGlobalId("jan-eh3"))!;
    expect(jan).toMatchObject({
      initials: "J.",
      prefix: "de",
      surname: "Vries",
      lastLogin: "2022-04-01",
      loginMeans: "DUO Token",
    });
    expect(jan.roles.map((r) => r.role)).toEqual(["Beheerder BVE"]);
    const plan = planOverview(overview, { asOf: "2022-04-01" });
    expect(plan.persons[0]!.beheerder).toBe(true);
    expect(plan.persons.find((p) => p.globalId === jan.globalId)!.decision).toBe("needs-middel");
    // Nobody else logged in here and the default world records no earlier logins.
    expect(plan.persons.filter((p) => p.decision === "review")).toHaveLength(brin25px.length - 1);
  });

  it("gives the same overview as XLSX", async () => {
    const cookie = await loggedIn(JAN);
    const tsv = await supertest(duo.app)
      .get("/portaal/gebruikers/overzicht.tsv")
      .set("cookie", cookie);
    const xlsx = await supertest(duo.app)
      .get("/portaal/gebruikers/overzicht.xlsx")
      .set("cookie", cookie)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(xlsx.headers["content-type"]).toContain("spreadsheetml");
    const fromXlsx = parseOverview("overzicht.xlsx", new Uint8Array(xlsx.body as Buffer));
    expect(fromXlsx.persons).toEqual(
      parseOverview("o.tsv", new TextEncoder().encode(tsv.text)).persons,
    );
  });

  it("refuses users who are no beheerder BVE, and people not logged in", async () => {
    const eva = await supertest(duo.app)
      .get("/portaal/gebruikers/overzicht.xlsx")
      .set("cookie", await loggedIn(EVA))
      .expect(403);
    expect(eva.text).toContain("Alleen een beheerder BVE");
    await supertest(duo.app).get("/portaal/gebruikers/overzicht.tsv").expect(303);
  });
});

describe("Dutch names in DUO's columns", () => {
  it.each([
    ["Jan de Vries", "J.", "de", "Vries"],
    ["Anna van der Berg", "A.", "van der", "Berg"],
    ["Eva Jansen", "E.", "", "Jansen"],
    ["Madonna", "", "", "Madonna"],
  ])("%s -> %s / %s / %s", (name, initials, prefix, surname) => {
    expect(splitDutchName(name)).toEqual({ initials, prefix, surname });
  });
});
