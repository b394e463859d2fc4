import { overlaps, parseCidr } from "../../lib/cidr";
import { bool, oneOf, section, SettingsOf, z } from "../schema";
import type { DatabaseSettings } from "./database";
import type { NetworkSettings } from "./network";

const STANDBY_ALLOWED = `{"dnsName": "<name>.<region>.elb.amazonaws.com", "zoneId": "Z..."} (the DR ALB), or null`;
const CIDR_ALLOWED = "an IPv4 network CIDR of size /16 to /20, e.g. 10.130.0.0/16";

/**
 * The DR region (the database's `drRegion`): its network, the replica's place in it, and the
 * switch that activates it (docs/dr.md). Without a `database.drRegion` nothing here is built.
 */
export const dr = section({
  key: "dr",
  fields: {
    /**
     * `pilot-light`: data replicated (replica, backups), nothing serving. A failover is two steps:
     * `promoted` (the replica becomes a standalone writer; the DR cluster and NAT come up) and then
     * `active` (backups re-enabled on the promoted database, Multi-AZ). Runbook: docs/dr.md.
     */
    mode: oneOf(["pilot-light", "promoted", "active"]),
    /** CIDR of the DR VPC; must not overlap the stack's `vpcCidr` (the two may be peered). */
    vpcCidr: z.string({ error: CIDR_ALLOWED }).refine(
      (t) => {
        const c = parseCidr(t);
        return c !== undefined && c.prefix >= 16 && c.prefix <= 20;
      },
      { error: CIDR_ALLOWED },
    ),
    /** NAT in the DR VPC while in pilot light: `None` (nothing there needs egress) or `Single`; after a failover `OnePerAz`. */
    natStrategy: oneOf(["None", "Single"]),
    /** Run the cross-region read replica in the DR network. */
    replica: bool(),
    /**
     * The DR region's load balancer (the DR cluster's ALB, once the services run there): the
     * SECONDARY of the failover records of the API and origin hosts. Unset: PRIMARY records only.
     */
    standbyOrigin: z
      .strictObject(
        {
          dnsName: z.string().regex(/^[a-z0-9.-]+\.elb\.amazonaws\.com$/),
          zoneId: z.string().regex(/^Z[A-Z0-9]{4,31}$/),
        },
        { error: STANDBY_ALLOWED },
      )
      .nullable()
      .optional(),
  },
  finish: (v, ctx, fail) => {
    const database = ctx.earlier.database as DatabaseSettings | undefined;
    const network = ctx.earlier.network as NetworkSettings | undefined;
    const region = database?.drRegion;
    const home = network?.vpcCidr ? parseCidr(network.vpcCidr) : undefined;
    const own = parseCidr(v.vpcCidr);
    if (region && home && own && overlaps(home, own)) {
      fail("dr.vpcCidr", v.vpcCidr, `a CIDR that does not overlap the stack's vpcCidr ${network?.vpcCidr}`);
    }
    if (v.mode !== "pilot-light" && !(region && v.replica)) {
      fail(
        "dr.mode",
        v.mode,
        `"pilot-light" unless database.drRegion is set and dr.replica is true (a failover promotes the DR replica)`,
      );
    }
    if (region && v.replica && database?.drReplica) {
      fail(
        "database.drReplica",
        database.drReplica,
        "unset while dr.replica places the replica in the DR network this program builds",
      );
    }
    return { ...v, standbyOrigin: v.standbyOrigin ?? undefined, region };
  },
});

export type DrSettings = SettingsOf<typeof dr>;
