// Who the Bedrijvenloket is in eHerkenning: its (INVENTED) OIN, entityID and
// diensten. The service reads this; so does the script that writes its test
// metadata and catalogue.
export const OIN = "00000099000000000901";
export const ENTITY_ID = `urn:etoegang:DV:${OIN}:entities:9001`;

/** By the path segment of /inloggen/<dienst>. */
export const DIENSTEN = {
  evenementen: { index: 1, name: "Evenementenvergunning aanvragen" },
  melding: { index: 2, name: "Melding openbare ruimte" },
  // Asks EH4 in its AuthnRequest while the catalogue says EH3: a mistake the
  // makelaar refuses at once (the tests show how that looks).
  subsidie: {
    index: 3,
    name: "Subsidie evenementen",
    requestedLevel: "urn:etoegang:core:assurance-class:loa4",
  },
};

export const serviceIdOf = (dienst) => `urn:etoegang:DV:${OIN}:services:${dienst.index}`;
