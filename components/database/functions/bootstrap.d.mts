// Types of bootstrap.mjs for the TypeScript tests.
export interface DatabaseUser {
  name: string;
  iam: boolean;
}
export interface Secret {
  username: string;
  password: string;
  dbname: string;
  host?: string;
  port?: number;
}
export interface SqlClient {
  query(sql: string): Promise<unknown>;
  end(): Promise<void>;
}
export function createBootstrap(deps: {
  masterSecret: () => Promise<Secret>;
  connect: (secret: Secret) => Promise<SqlClient>;
}): (event: { users?: DatabaseUser[] }) => Promise<{ users: string[] }>;
export function handler(event: { users?: DatabaseUser[] }): Promise<{ users: string[] }>;
