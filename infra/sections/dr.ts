import { overlaps, parseCidr } from "../../lib/cidr";
import { bool, oneOf, section, SettingsOf, z } from "../schema";
import type { DatabaseSettings } from "./database";
import type { NetworkSettings } from "./network";

const CIDR_ALLOWED = "an IPv4 network CIDR of size /16 to /20, e.g. 10.130.0.0/16";

/**
 * The DR region (the database's `drRegion`): its network, the replica's place in it, and the
 * switch that activates it (docs/dr.md). Without a `database.drRegion` nothing here is built.
 */
export const dr = section({
  key: "dr",
  fields: {
    /**
     * `pilot-light`: data replicated (replica, backups), nothing serving; `active`: the replica is
     * promoted and a minimal cluster runs in the DR region (a failover).
     */
    mode: oneOf(["pilot-light", "active"]),
    /** CIDR of the DR VPC; must not overlap the stack's `vpcCidr` (the two may be peered). */
    vpcCidr: z.string({ error: CIDR_ALLOWED }).refine(
      (t) => {
        const c = parseCidr(t);
        return c !== undefined && c.prefix >= 16 && c.prefix <= 20;
      },
      { error: CIDR_ALLOWED },
    ),
    /** NAT in the DR VPC while in pilot light: `None` (nothing there needs egress) or `Single`. Active: always `Single`. */
    natStrategy: oneOf(["None", "Single"]),
    /** Run the cross-region read replica in the DR network. */
    replica: bool(),
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
    if (v.mode === "active" && !(region && v.replica)) {
      fail(
        "dr.mode",
        v.mode,
        `"pilot-light" unless database.drRegion is set and dr.replica is true (activation promotes the DR replica)`,
      );
    }
    if (region && v.replica && database?.drReplica) {
      fail(
        "database.drReplica",
        database.drReplica,
        "unset while dr.replica places the replica in the DR network this program builds",
      );
    }
    return { ...v, region };
  },
});

export type DrSettings = SettingsOf<typeof dr>;
