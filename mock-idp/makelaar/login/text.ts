// Every word the login pages show, in Dutch (the default) and English. The
// refusal advice tells a person what happened and what they can do about it.
import type { Level } from "../../../eherkenning/index.ts";
import type { SecondFactor } from "../../world/model.ts";

export type Language = "nl" | "en";

export interface AdviceContext {
  /** The service's catalogue name: also the machtiging's name. */
  readonly service: string;
  readonly provider: string;
  /** The lowest level that lets a person in, when known. */
  readonly minimumLevel: Level;
  readonly middelLevel?: Level;
  readonly leverancier?: string;
  readonly organisation?: string;
}

export interface Advice {
  readonly title: string;
  readonly steps: readonly string[];
}

const nl = {
  lang: "nl",
  brand: "Testmakelaar eHerkenning",
  brandNote: "eh-overstap",
  banner:
    "Testomgeving: dit is geen echte eHerkenning-makelaar. Gebruik hier nooit echte gegevens.",
  bannerOther: "Test environment: not a real eHerkenning makelaar.",
  switchTo: "English",
  switchLang: "en" as Language,
  loggingInTo: "U logt in bij",
  levelNeeded: "Vereist niveau",
  cancel: "Annuleren",
  next: "Verder",
  chooseLeverancier: "Kies uw leverancier",
  chooseLeverancierIntro:
    "Kies de leverancier van uw eHerkenningsmiddel. Dat is het bedrijf waar u uw inlogmiddel heeft aangevraagd.",
  leverancierLegend: "Leverancier van uw eHerkenningsmiddel",
  chooseLeverancierError: "Kies een leverancier om verder te gaan.",
  logInWith: (leverancier: string) => `Inloggen bij ${leverancier}`,
  username: "Gebruikersnaam",
  password: "Wachtwoord",
  logIn: "Inloggen",
  otherLeverancier: "Andere leverancier",
  wrongCredentials: (left: number) =>
    `De gebruikersnaam of het wachtwoord is onjuist. U kunt het nog ${left} keer proberen.`,
  emptyCredentials: "Vul uw gebruikersnaam en wachtwoord in.",
  secondFactorTitle: "Bevestig met uw tweede factor",
  secondFactorIntro: {
    sms: "Wij hebben een sms met een code van zes cijfers gestuurd naar uw telefoon.",
    app: "Open de app van uw leverancier en neem de code van zes cijfers over.",
    token: "Maak met uw token een code van zes cijfers.",
  } satisfies Record<SecondFactor, string>,
  code: "Code (6 cijfers)",
  confirm: "Bevestigen",
  testCodeLabel: "Alleen in deze testomgeving",
  testCode: "De code die u nu zou ontvangen is",
  wrongCode: (left: number) => `Deze code is onjuist. U kunt het nog ${left} keer proberen.`,
  chooseOrganisation: "Voor welke organisatie logt u in?",
  chooseOrganisationIntro: (name: string) =>
    `U bent ingelogd als ${name}. U vertegenwoordigt meer dan één organisatie.`,
  organisationLegend: "Organisatie",
  chooseOrganisationError: "Kies een organisatie om verder te gaan.",
  kvk: "KvK-nummer",
  failedTitle: "Inloggen is niet gelukt",
  whatHappened: "Wat is er gebeurd?",
  whatToDo: "Wat kunt u doen?",
  backToService: (service: string) => `Terug naar ${service}`,
  backExplanation: "De dienst krijgt bericht dat inloggen niet is gelukt.",
  technical: "Technische gegevens voor de dienst",
  statusCode: "SAML-status",
  statusMessage: "Melding",
  expiredTitle: "Deze inlogpoging bestaat niet (meer)",
  expiredText:
    "De inlogpoging is verlopen of al afgerond. Ga terug naar de dienst en begin opnieuw met inloggen.",
  wrongPasswordThrice:
    "U heeft drie keer een onjuiste gebruikersnaam of een onjuist wachtwoord ingevuld.",
  wrongCodeThrice: "U heeft drie keer een onjuiste code ingevuld.",
  noOrganisation: "U vertegenwoordigt geen enkele organisatie met dit inlogmiddel.",
  advice: (kind: string, c: AdviceContext): Advice => {
    const machtiging = `de machtiging '${c.service}'`;
    const beheerder = c.organisation
      ? `de machtigingenbeheerder eHerkenning van ${c.organisation}`
      : "uw machtigingenbeheerder eHerkenning";
    const leverancier = c.leverancier ? `uw leverancier (${c.leverancier})` : "uw leverancier";
    switch (kind) {
      case "EH1_MIDDEL_RETIRED":
        return {
          title: "Uw inlogmiddel is EH1 en werkt niet meer",
          steps: [
            `Vraag een ${c.minimumLevel}-middel aan bij ${leverancier}.`,
            `Vraag daarna ${beheerder} om ${machtiging} op niveau ${c.minimumLevel}.`,
          ],
        };
      case "MIDDEL_TOO_LOW":
        return {
          title: "Uw inlogmiddel heeft een te laag niveau",
          steps: [
            `Vraag een ${c.minimumLevel}-middel aan bij ${leverancier}. Een middel is persoonlijk; vanaf EH3 wordt uw identiteit gecontroleerd.`,
            `Vraag daarna ${beheerder} om ${machtiging} op niveau ${c.minimumLevel}.`,
          ],
        };
      case "NO_MACHTIGING":
        return {
          title: "U heeft geen machtiging voor deze dienst",
          steps: [
            `Vraag ${beheerder} om ${machtiging} op niveau ${c.minimumLevel}.`,
            "Weet u niet wie de machtigingenbeheerder is? Vaak weet de afdeling HR of de financiële administratie het.",
          ],
        };
      case "MACHTIGING_EXPIRED":
        return {
          title: "Uw machtiging is verlopen",
          steps: [`Vraag ${beheerder} om ${machtiging} opnieuw te registreren.`],
        };
      case "MACHTIGING_NOT_YET_VALID":
        return {
          title: "Uw machtiging is nog niet geldig",
          steps: [
            "Probeer het opnieuw vanaf de ingangsdatum van uw machtiging.",
            `Klopt de datum niet? Neem contact op met ${beheerder}.`,
          ],
        };
      case "MACHTIGING_TOO_LOW":
        return {
          title: "Uw machtiging heeft een te laag niveau",
          steps: [
            `Vraag ${beheerder} om ${machtiging} op niveau ${c.minimumLevel} te registreren.`,
          ],
        };
      case "REQUEST_ABOVE_CATALOGUE_LEVEL":
      case "EH1_REQUESTED_AFTER_RETIREMENT":
        return {
          title: "De dienst vroeg een niveau dat niet kan",
          steps: [
            "U kunt hier zelf niets aan doen.",
            `Meld het probleem bij ${c.provider}; noem de melding hieronder.`,
          ],
        };
      case "WRONG_PASSWORD":
        return {
          title: "Te vaak een onjuist wachtwoord",
          steps: [
            "Ga terug naar de dienst en probeer het opnieuw.",
            `Wachtwoord vergeten? Neem contact op met ${leverancier}.`,
          ],
        };
      case "WRONG_CODE":
        return {
          title: "Te vaak een onjuiste code",
          steps: [
            "Ga terug naar de dienst en probeer het opnieuw; u krijgt dan een nieuwe code.",
            `Krijgt u geen code? Neem contact op met ${leverancier}.`,
          ],
        };
      case "NO_ORGANISATION":
      case "NOT_REPRESENTED":
        return {
          title: "U vertegenwoordigt deze organisatie niet",
          steps: [`Vraag ${beheerder} om ${machtiging}.`],
        };
      default:
        return {
          title: "Inloggen is niet gelukt",
          steps: ["Ga terug naar de dienst en probeer het opnieuw."],
        };
    }
  },
};

export type Texts = typeof nl;

const en: Texts = {
  lang: "en",
  brand: "eHerkenning test makelaar",
  brandNote: "eh-overstap",
  banner: "Test environment: this is not a real eHerkenning makelaar. Never use real data here.",
  bannerOther: "Testomgeving: geen echte eHerkenning-makelaar.",
  switchTo: "Nederlands",
  switchLang: "nl",
  loggingInTo: "You are logging in to",
  levelNeeded: "Level required",
  cancel: "Cancel",
  next: "Continue",
  chooseLeverancier: "Choose your supplier",
  chooseLeverancierIntro:
    "Choose the supplier (leverancier) of your eHerkenning means. That is the company you requested your login means from.",
  leverancierLegend: "Supplier of your eHerkenning means",
  chooseLeverancierError: "Choose a supplier to continue.",
  logInWith: (leverancier: string) => `Log in at ${leverancier}`,
  username: "Username",
  password: "Password",
  logIn: "Log in",
  otherLeverancier: "Other supplier",
  wrongCredentials: (left: number) =>
    `The username or password is wrong. You can try ${left} more time${left === 1 ? "" : "s"}.`,
  emptyCredentials: "Enter your username and password.",
  secondFactorTitle: "Confirm with your second factor",
  secondFactorIntro: {
    sms: "We sent a text message with a six-digit code to your phone.",
    app: "Open your supplier's app and enter its six-digit code.",
    token: "Make a six-digit code with your token.",
  },
  code: "Code (6 digits)",
  confirm: "Confirm",
  testCodeLabel: "Only in this test environment",
  testCode: "The code you would receive now is",
  wrongCode: (left: number) =>
    `This code is wrong. You can try ${left} more time${left === 1 ? "" : "s"}.`,
  chooseOrganisation: "Which organisation are you logging in for?",
  chooseOrganisationIntro: (name: string) =>
    `You are logged in as ${name}. You represent more than one organisation.`,
  organisationLegend: "Organisation",
  chooseOrganisationError: "Choose an organisation to continue.",
  kvk: "KvK number",
  failedTitle: "Login failed",
  whatHappened: "What happened?",
  whatToDo: "What can you do?",
  backToService: (service: string) => `Back to ${service}`,
  backExplanation: "The service will be told that the login failed.",
  technical: "Technical details for the service",
  statusCode: "SAML status",
  statusMessage: "Message",
  expiredTitle: "This login no longer exists",
  expiredText:
    "The login has expired or was already finished. Go back to the service and start logging in again.",
  wrongPasswordThrice: "You entered a wrong username or password three times.",
  wrongCodeThrice: "You entered a wrong code three times.",
  noOrganisation: "You represent no organisation with this login means.",
  advice: (kind: string, c: AdviceContext): Advice => {
    const machtiging = `the machtiging (authorisation) '${c.service}'`;
    const beheerder = c.organisation
      ? `the eHerkenning authorisation manager (machtigingenbeheerder) of ${c.organisation}`
      : "your eHerkenning authorisation manager (machtigingenbeheerder)";
    const leverancier = c.leverancier ? `your supplier (${c.leverancier})` : "your supplier";
    switch (kind) {
      case "EH1_MIDDEL_RETIRED":
        return {
          title: "Your login means is EH1 and no longer works",
          steps: [
            `Request an ${c.minimumLevel} means from ${leverancier}.`,
            `Then ask ${beheerder} for ${machtiging} at level ${c.minimumLevel}.`,
          ],
        };
      case "MIDDEL_TOO_LOW":
        return {
          title: "Your login means has too low a level",
          steps: [
            `Request an ${c.minimumLevel} means from ${leverancier}. A means is personal; from EH3 on your identity is checked.`,
            `Then ask ${beheerder} for ${machtiging} at level ${c.minimumLevel}.`,
          ],
        };
      case "NO_MACHTIGING":
        return {
          title: "You have no authorisation for this service",
          steps: [
            `Ask ${beheerder} for ${machtiging} at level ${c.minimumLevel}.`,
            "Don't know who that is? HR or the finance department often knows.",
          ],
        };
      case "MACHTIGING_EXPIRED":
        return {
          title: "Your authorisation has expired",
          steps: [`Ask ${beheerder} to register ${machtiging} again.`],
        };
      case "MACHTIGING_NOT_YET_VALID":
        return {
          title: "Your authorisation is not valid yet",
          steps: [
            "Try again from the date your authorisation starts.",
            `Is the date wrong? Contact ${beheerder}.`,
          ],
        };
      case "MACHTIGING_TOO_LOW":
        return {
          title: "Your authorisation has too low a level",
          steps: [`Ask ${beheerder} to register ${machtiging} at level ${c.minimumLevel}.`],
        };
      case "REQUEST_ABOVE_CATALOGUE_LEVEL":
      case "EH1_REQUESTED_AFTER_RETIREMENT":
        return {
          title: "The service asked for a level that is not possible",
          steps: [
            "There is nothing you can do about this yourself.",
            `Report the problem to ${c.provider}, quoting the message below.`,
          ],
        };
      case "WRONG_PASSWORD":
        return {
          title: "Wrong password too many times",
          steps: [
            "Go back to the service and try again.",
            `Forgot your password? Contact ${leverancier}.`,
          ],
        };
      case "WRONG_CODE":
        return {
          title: "Wrong code too many times",
          steps: [
            "Go back to the service and try again; you will get a new code.",
            `No code arriving? Contact ${leverancier}.`,
          ],
        };
      case "NO_ORGANISATION":
      case "NOT_REPRESENTED":
        return {
          title: "You do not represent this organisation",
          steps: [`Ask ${beheerder} for ${machtiging}.`],
        };
      default:
        return { title: "Login failed", steps: ["Go back to the service and try again."] };
    }
  },
};

export const TEXTS: Readonly<Record<Language, Texts>> = { nl, en };
