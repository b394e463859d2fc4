/**
 * The pack's entry point. `new PolicyPack` starts serving the analyzer protocol at once, so this
 * file only wires the policies, which live in modules tests can load without serving.
 */
import { PolicyPack } from "@pulumi/policy";
import { memoizeDeserialization } from "./lib/serve";
import { allPolicies } from "./policies";

memoizeDeserialization();

new PolicyPack("b2b-commerce-policies", {
  enforcementLevel: "mandatory",
  policies: allPolicies,
});
