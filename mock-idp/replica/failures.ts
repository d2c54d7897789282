// What a service provider tells a person when the makelaar refuses a login.
// The SAML answer carries only the status codes and an English StatusMessage
// (the shared rules' wording); this turns them into plain Dutch with a next step.
import type { Level } from "../../eherkenning/index.ts";
import { EH1_RETIRED_ON, longDutchDay, parseLevel } from "../../eherkenning/index.ts";

export type FailureKind =
  | "cancelled"
  | "eh1-middel-retired"
  | "middel-too-low"
  | "no-machtiging"
  | "machtiging-not-yet-valid"
  | "machtiging-expired"
  | "machtiging-too-low"
  | "request-eh1-retired"
  | "request-above-catalogue"
  | "request-refused"
  | "answer-unusable"
  | "answer-untrusted"
  | "authn-failed";

export interface LoginFailure {
  /** e.g. urn:oasis:names:tc:SAML:2.0:status:Responder */
  readonly status: string;
  readonly subStatus?: string;
  readonly message?: string;
  /** Set when the SP refused the answer itself (a signature or time check failed). */
  readonly untrusted?: boolean;
}

export interface FailureExplanation {
  readonly kind: FailureKind;
  readonly title: string;
  /** What happened, in plain Dutch. */
  readonly explanation: string;
  /** What the person can do now. */
  readonly nextSteps: readonly string[];
  /** The codes as received, for a helpdesk. */
  readonly codes: string;
}

const short = (urn: string | undefined): string => urn?.split(":").pop() ?? "";

const levelIn = (text: string | undefined): Level | undefined =>
  text ? parseLevel(text.replace(/[.;,]$/, "")) : undefined;

/** Which of the shared rules' refusals a StatusMessage states. */
export function failureKind(failure: LoginFailure): FailureKind {
  const message = failure.message ?? "";
  const requester = short(failure.status) === "Requester";
  if (failure.untrusted) return "answer-untrusted";
  // An empty ArtifactResponse: the artifact was unknown, expired or used before.
  if (!failure.status) return "answer-unusable";
  if (/cancel/i.test(message)) return "cancelled";
  if (/asks for EH1, which is retired/i.test(message)) return "request-eh1-retired";
  if (/above the catalogue level/i.test(message)) return "request-above-catalogue";
  if (/middel is EH1, which cannot be used/i.test(message)) return "eh1-middel-retired";
  if (/middel is \S+; this service needs at least/i.test(message)) return "middel-too-low";
  if (/no machtiging/i.test(message)) return "no-machtiging";
  if (/machtiging .*not valid yet/i.test(message)) return "machtiging-not-yet-valid";
  if (/machtiging .*expired/i.test(message)) return "machtiging-expired";
  if (/machtiging is registered at/i.test(message)) return "machtiging-too-low";
  return requester ? "request-refused" : "authn-failed";
}

export interface FailureContext {
  /** The service as the catalogue names it: also the machtiging to ask for. */
  readonly service: string;
  /** The level this service asks today. */
  readonly level: Level;
  /** Who to contact about the service itself. */
  readonly helpdesk: string;
}

export function explainFailure(failure: LoginFailure, context: FailureContext): FailureExplanation {
  const kind = failureKind(failure);
  const message = failure.message ?? "";
  const codes = [short(failure.status), short(failure.subStatus)].filter(Boolean).join(" / ");
  const base = { kind, codes: message ? `${codes}: ${message}` : codes };
  const machtigingStep = `Vraag de machtigingenbeheerder eHerkenning van uw organisatie om de machtiging "${context.service}" op niveau ${context.level} of hoger. Weet u niet wie dat is? Vaak weet de afdeling HR of financiën het.`;
  switch (kind) {
    case "cancelled":
      return {
        ...base,
        title: "U heeft het inloggen afgebroken",
        explanation:
          "Het inloggen met eHerkenning is gestopt voordat het klaar was. Er is niets gewijzigd.",
        nextSteps: ["Wilt u toch inloggen? Begin dan opnieuw."],
      };
    case "eh1-middel-retired":
      return {
        ...base,
        title: "Uw eHerkenningsmiddel is niet meer geldig",
        explanation: `U probeerde in te loggen met een middel op niveau EH1. Sinds ${longDutchDay(EH1_RETIRED_ON)} bestaat dat niveau niet meer.`,
        nextSteps: [
          `Vraag bij uw leverancier van eHerkenning een middel aan op niveau ${context.level} of hoger.`,
          machtigingStep,
        ],
      };
    case "middel-too-low": {
      const [, have, need] =
        /middel is (\S+); this service needs at least (\S+)/i.exec(message) ?? [];
      const needed = levelIn(need) ?? context.level;
      return {
        ...base,
        title: "Uw eHerkenningsmiddel heeft een te laag niveau",
        explanation: `${context.service} vraagt eHerkenning op niveau ${needed}${levelIn(have) ? `; uw middel heeft niveau ${levelIn(have) ?? ""}` : ""}.`,
        nextSteps: [
          `Vraag bij uw leverancier van eHerkenning een middel aan op niveau ${needed} of hoger. Een middel is persoonlijk: iedere medewerker heeft een eigen middel nodig.`,
          machtigingStep,
        ],
      };
    }
    case "no-machtiging":
      return {
        ...base,
        title: "U bent niet gemachtigd voor deze dienst",
        explanation: `Uw organisatie heeft u (nog) geen machtiging gegeven voor "${context.service}".`,
        nextSteps: [machtigingStep],
      };
    case "machtiging-not-yet-valid":
      return {
        ...base,
        title: "Uw machtiging is nog niet geldig",
        explanation: `Uw machtiging voor "${context.service}" gaat pas later in.`,
        nextSteps: ["Probeer het opnieuw zodra de machtiging ingaat.", machtigingStep],
      };
    case "machtiging-expired":
      return {
        ...base,
        title: "Uw machtiging is verlopen",
        explanation: `Uw machtiging voor "${context.service}" is niet meer geldig. Een machtiging die 24 maanden niet is gebruikt, vervalt ook.`,
        nextSteps: [machtigingStep],
      };
    case "machtiging-too-low":
      return {
        ...base,
        title: "Uw machtiging heeft een te laag niveau",
        explanation: `Uw machtiging voor "${context.service}" staat op een lager niveau dan ${context.level}.`,
        nextSteps: [machtigingStep],
      };
    case "request-eh1-retired":
    case "request-above-catalogue":
    case "request-refused":
      return {
        ...base,
        title: "Deze dienst kon het inloggen niet starten",
        explanation:
          "eHerkenning heeft het inlogverzoek van deze dienst geweigerd. Dat ligt niet aan u of aan uw middel.",
        nextSteps: [`Neem contact op met ${context.helpdesk} en noem de melding hieronder.`],
      };
    case "answer-unusable":
      return {
        ...base,
        title: "Deze inlogpoging is niet meer geldig",
        explanation:
          "Het antwoord van eHerkenning was verlopen of al gebruikt, bijvoorbeeld doordat de pagina opnieuw is geladen.",
        nextSteps: ["Log opnieuw in."],
      };
    case "answer-untrusted":
      return {
        ...base,
        title: "Het antwoord van eHerkenning is niet vertrouwd",
        explanation:
          "De controle van het antwoord van eHerkenning is mislukt. Voor uw veiligheid bent u niet ingelogd.",
        nextSteps: [
          "Log opnieuw in.",
          `Blijft dit gebeuren? Neem contact op met ${context.helpdesk} en noem de melding hieronder.`,
        ],
      };
    case "authn-failed":
      return {
        ...base,
        title: "Inloggen met eHerkenning is niet gelukt",
        explanation: "eHerkenning heeft uw inlog niet bevestigd.",
        nextSteps: [
          "Probeer het opnieuw.",
          "Lukt het niet? Neem contact op met uw leverancier van eHerkenning.",
        ],
      };
  }
}
