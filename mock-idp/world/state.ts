// The simulated world as it stands now: who exists, what the catalogue says,
// which transitions run, and the business clock that judges them. The
// makelaar and the replica sites read one WorldState; `reset()` returns it to
// the configured world. Protocol state (replay IDs, artifacts, logins, logs)
// is the makelaar's own (makelaar/state.ts), never kept here.
import type { CatalogueIndex, Machtiging, Transition } from "../../eherkenning/index.ts";
import type { Organisation, Person, World } from "./model.ts";
import { catalogueIndexOf } from "./parsed-catalogues.ts";

export class WorldState {
  organisations: Organisation[] = [];
  persons: Person[] = [];
  catalogueXml = "";
  catalogue!: CatalogueIndex;
  transitions: Transition[] = [];
  /** Offset of the business clock from real time, in ms; null when following real time. */
  private clockOffsetMs: number | null = null;

  constructor(private configuredWorld: World) {
    this.reset();
  }

  /** The world `reset()` returns to. */
  get configured(): World {
    return this.configuredWorld;
  }

  /** Another configured world (a world file sent to a shared makelaar), and back to it. */
  reconfigure(world: World): void {
    this.configuredWorld = world;
    this.reset();
  }

  /** Back to the configured world: identities, catalogue, transitions and clock. */
  reset(): void {
    const world = this.configured;
    this.organisations = [...world.organisations];
    this.persons = [...world.persons];
    this.setCatalogue(world.catalogueXml);
    this.transitions = [...world.transitions];
    this.clockOffsetMs = null;
    if (world.now) this.setNow(world.now);
  }

  /** Replaces the catalogue; throws CatalogueError and keeps the old one when the XML is bad. */
  setCatalogue(xml: string): void {
    const index = catalogueIndexOf(xml);
    this.catalogueXml = xml;
    this.catalogue = index;
  }

  /** The business date: what the overstap rules, machtigingen and sector switches are judged by. */
  now(): Date {
    return new Date(Date.now() + (this.clockOffsetMs ?? 0));
  }

  /** The business clock runs on from `now`. */
  setNow(now: Date): void {
    this.clockOffsetMs = now.getTime() - Date.now();
  }

  /** The business clock follows real time again. */
  useRealTime(): void {
    this.clockOffsetMs = null;
  }

  /** Whether the clock was set (by the world's `now` or the admin API). */
  get clockIsSimulated(): boolean {
    return this.clockOffsetMs !== null;
  }

  // ---- Identity changes (admin API). Persons are replaced, never mutated, so
  // the configured world stays intact for reset().

  /** Adds a person or replaces the one with the same id; true when replaced. */
  putPerson(person: Person): boolean {
    const index = this.persons.findIndex((p) => p.id === person.id);
    if (index === -1) this.persons.push(person);
    else this.persons[index] = person;
    return index !== -1;
  }

  removePerson(id: string): boolean {
    const before = this.persons.length;
    this.persons = this.persons.filter((p) => p.id !== id);
    return this.persons.length < before;
  }

  /** Adds an organisation or replaces the one with the same KvK number; true when replaced. */
  putOrganisation(organisation: Organisation): boolean {
    const index = this.organisations.findIndex((o) => o.kvk === organisation.kvk);
    if (index === -1) this.organisations.push(organisation);
    else this.organisations[index] = organisation;
    return index !== -1;
  }

  removeOrganisation(kvk: string): boolean {
    const before = this.organisations.length;
    this.organisations = this.organisations.filter((o) => o.kvk !== kvk);
    return this.organisations.length < before;
  }

  /** The person with their machtigingen for one organisation changed by `change`. */
  changeMachtigingen(
    personId: string,
    kvk: string,
    change: (machtigingen: readonly Machtiging[]) => readonly Machtiging[],
  ): Person | undefined {
    const person = this.person(personId);
    if (!person) return undefined;
    const existing = person.representations.find((r) => r.kvk === kvk);
    const representations = existing
      ? person.representations.map((r) =>
          r.kvk === kvk ? { kvk, machtigingen: change(r.machtigingen) } : r,
        )
      : [...person.representations, { kvk, machtigingen: change([]) }];
    const changed: Person = { ...person, representations };
    this.putPerson(changed);
    return changed;
  }

  person(id: string): Person | undefined {
    return this.persons.find((p) => p.id === id);
  }

  /** The person the makelaar knows by this ActingSubjectID pseudonym. */
  personByPseudo(pseudo: string): Person | undefined {
    return this.persons.find((p) => p.pseudo === pseudo);
  }

  organisation(kvk: string): Organisation | undefined {
    return this.organisations.find((o) => o.kvk === kvk);
  }

  /** The Mijn DUO account with this inlognaam, and its person. */
  duoAccount(inlognaam: string): Person | undefined {
    const wanted = inlognaam.trim().toLowerCase();
    return this.persons.find((p) => p.duo?.inlognaam.toLowerCase() === wanted);
  }
}
