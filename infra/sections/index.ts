/**
 * The config sections, in validation order (a later section's rules may use an earlier one's
 * values through the context). Adding a section: one file here and one line below (docs/config.md).
 */
import { backup } from "./backup";
import { cache } from "./cache";
import { capacity } from "./capacity";
import { cluster } from "./cluster";
import { cost } from "./cost";
import { database } from "./database";
import { dr } from "./dr";
import { edge } from "./edge";
import { faultInjection } from "./fault-injection";
import { flows } from "./flows";
import { network } from "./network";
import { observability } from "./observability";
import { onCall } from "./on-call";
import { rum } from "./rum";
import { security } from "./security";
import { images, services } from "./services";

export { stack } from "./stack";

export const SECTIONS = {
  network,
  database,
  cache,
  cluster,
  observability,
  edge,
  flows,
  services,
  images,
  security,
  backup,
  dr,
  faultInjection,
  onCall,
  cost,
  capacity,
  rum,
} as const;
export type Sections = typeof SECTIONS;
