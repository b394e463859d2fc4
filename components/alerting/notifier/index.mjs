// Lambda entry point: the real clients for makeHandler (notify.mjs).
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { makeHandler } from "./notify.mjs";

export const handler = makeHandler({ secrets: new SecretsManagerClient({}), fetch: globalThis.fetch, env: process.env });
