// The world's identities in their written form (the shapes of world/schema.ts),
// so what the admin API returns can be sent back unchanged.
import type { Machtiging, Transition } from "../../../eherkenning/index.ts";
import type { Person } from "../../world/model.ts";

export interface WrittenMachtiging {
  readonly service?: string;
  readonly provider?: string;
  readonly all?: true;
  readonly level: string;
  readonly validFrom?: string;
  readonly validUntil?: string;
}

export interface WrittenPerson {
  readonly id: string;
  readonly name: string;
  readonly pseudo: string;
  readonly middel: {
    readonly level: string;
    readonly leverancier: string;
    readonly username: string;
    readonly password: string;
    readonly secondFactor?: { readonly kind: "sms" | "app" | "token"; readonly code: string };
  };
  readonly organisations: readonly {
    readonly kvk: string;
    readonly machtigingen: readonly WrittenMachtiging[];
  }[];
  readonly duo?: NonNullable<Person["duo"]>;
}

export interface WrittenTransition {
  readonly service: string;
  readonly acceptedLevel: string;
  readonly from?: string;
  readonly until: string;
}

export function writtenMachtiging(m: Machtiging): WrittenMachtiging {
  const scope =
    m.scope.kind === "service"
      ? { service: m.scope.serviceUUID }
      : m.scope.kind === "provider"
        ? { provider: m.scope.providerOIN }
        : { all: true as const };
  return {
    ...scope,
    level: m.level,
    ...(m.validFrom ? { validFrom: m.validFrom.toISOString() } : {}),
    ...(m.validUntil ? { validUntil: m.validUntil.toISOString() } : {}),
  };
}

export function writtenPerson(p: Person): WrittenPerson {
  return {
    id: p.id,
    name: p.name,
    pseudo: p.pseudo,
    middel: {
      level: p.middel.level,
      leverancier: p.middel.leverancier,
      username: p.middel.username,
      password: p.middel.password,
      ...(p.middel.secondFactor ? { secondFactor: { ...p.middel.secondFactor } } : {}),
    },
    organisations: p.representations.map((r) => ({
      kvk: r.kvk,
      machtigingen: r.machtigingen.map(writtenMachtiging),
    })),
    ...(p.duo ? { duo: p.duo } : {}),
  };
}

export function writtenTransition(t: Transition): WrittenTransition {
  return {
    service: t.serviceUUID,
    acceptedLevel: t.acceptedLevel,
    ...(t.from ? { from: t.from.toISOString() } : {}),
    until: t.until.toISOString(),
  };
}
