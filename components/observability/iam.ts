// The IRSA role helper lives in lib/irsa.ts (the workloads' roles use it too).
export { irsaRole, IrsaRoleArgs } from "../../lib/irsa";
