// Starts the Bedrijvenloket on 127.0.0.1. Configured as a deployment would be,
// by environment variables:
//   PORT (7451), MAKELAAR_URL (http://127.0.0.1:7450),
//   SP_SIGNING_KEY_FILE, SP_DECRYPTION_KEY_FILE (PEM; .cache/sp/*.pem by default)
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createService } from "./app.mjs";
import { DIENSTEN, ENTITY_ID } from "./noordvliet.mjs";

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const port = Number(process.env.PORT ?? 7451);
const baseUrl = `http://127.0.0.1:${port}`;

const { app } = createService({
  baseUrl,
  entityID: ENTITY_ID,
  makelaarUrl: process.env.MAKELAAR_URL ?? "http://127.0.0.1:7450",
  signingKeyPem: readFileSync(
    process.env.SP_SIGNING_KEY_FILE ?? here("../.cache/sp/signing-key.pem"),
    "utf8",
  ),
  decryptionKeyPem: readFileSync(
    process.env.SP_DECRYPTION_KEY_FILE ?? here("../.cache/sp/encryption-key.pem"),
    "utf8",
  ),
  diensten: DIENSTEN,
});

const server = app.listen(port, "127.0.0.1", () => {
  console.log(`Bedrijvenloket Noordvliet at ${baseUrl}/`);
});
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    server.close();
    server.closeAllConnections();
  });
}
