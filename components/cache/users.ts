import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { Naming } from "../../lib/naming";

/**
 * What a workload's cache user may do: its own key prefix `<workload>:` only (the storefront's
 * `storefront:session:*` and `storefront:cart:*`, the API's `api:catalogue:*`), data commands and
 * the connection commands, none of the `@dangerous` ones (FLUSHALL, KEYS, CONFIG, DEBUG...).
 * Syntax: ElastiCache user guide, "Role-Based Access Control (RBAC)", access strings.
 */
export function accessString(workload: string): string {
  return `on ~${workload}:* -@all +@read +@write +@keyspace +@connection -@dangerous`;
}

/** The switched-off `default` user every user group must contain (nothing can log in as it). */
export const DEFAULT_ACCESS = "off -@all";

export interface CacheUsersArgs {
  naming: Naming;
  /** Workloads with a cache flow: each gets an IAM-authenticated user. */
  workloads: string[];
}

/**
 * RBAC users and their group. A user group must contain a user named `default`; ElastiCache's own
 * `default` user has no password and every permission, so the group holds a replacement that is
 * off. Each workload's user authenticates with IAM (SigV4 token signed with the pod's IRSA
 * credentials), which requires userId = userName (ElastiCache user guide, "Authenticating with
 * IAM", limitations): there is no password to store or rotate.
 */
export function createCacheUsers(parent: pulumi.Resource, args: CacheUsersArgs) {
  const { naming } = args;
  const opts = { parent };
  // Only for the switched-off user (the API requires a password for it); never used to log in.
  const defaultPassword = new random.RandomPassword("cache-default-password", { length: 32, special: false }, opts);
  const defaultUser = new aws.elasticache.User(
    "cache-default-user",
    {
      userId: naming.physical("cache-default", "elasticache"),
      userName: "default",
      engine: "valkey",
      accessString: DEFAULT_ACCESS,
      authenticationMode: { type: "password", passwords: [pulumi.secret(defaultPassword.result)] },
      tags: { Name: naming.physical("cache-default") },
    },
    opts,
  );
  const users: Record<string, aws.elasticache.User> = {};
  for (const w of args.workloads) {
    const id = naming.physical(`cache-${w}`, "elasticache");
    users[w] = new aws.elasticache.User(
      `cache-user-${w}`,
      {
        userId: id,
        userName: id,
        engine: "valkey",
        accessString: accessString(w),
        authenticationMode: { type: "iam" },
        tags: { Name: id },
      },
      opts,
    );
  }
  const group = new aws.elasticache.UserGroup(
    "cache-users",
    {
      userGroupId: naming.physical("cache", "elasticache"),
      engine: "valkey",
      userIds: [defaultUser.userId, ...Object.values(users).map((u) => u.userId)],
      tags: { Name: naming.physical("cache-users") },
    },
    opts,
  );
  return { group, defaultUser, users };
}
