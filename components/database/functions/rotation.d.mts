// Types of rotation.mjs for the TypeScript tests.
import type { Secret, SqlClient } from "./bootstrap.mjs";

export type AwsCall = (operation: string, input: Record<string, unknown>) => Promise<Record<string, unknown>>;
export interface RotationEvent {
  SecretId: string;
  ClientRequestToken: string;
  Step: string;
}
export function createRotation(deps: {
  sm: AwsCall;
  rds: AwsCall;
  connect: (secret: Secret) => Promise<SqlClient>;
  sleep?: (ms: number) => Promise<void>;
  env?: Record<string, string | undefined>;
}): (event: RotationEvent, context?: { getRemainingTimeInMillis?: () => number }) => Promise<void>;
export function handler(event: RotationEvent, context?: unknown): Promise<void>;
