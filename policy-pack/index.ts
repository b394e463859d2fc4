/**
 * The pack's entry point. `new PolicyPack` starts serving the analyzer protocol at once, so this
 * file only wires the policies, which live in modules tests can load without serving.
 */
import { PolicyPack } from "@pulumi/policy";
import { memoizeDeserialization, serveWithTypeDispatch } from "./lib/serve";
import { allPolicies } from "./policies";

const NAME = "b2b-commerce-policies";
const ENFORCEMENT_LEVEL = "mandatory";

memoizeDeserialization();

// PolicyPack reads the version from package.json in the working directory (the pack folder).
const { version } = require(`${process.cwd()}/package.json`) as { version: string };

serveWithTypeDispatch({ name: NAME, version, enforcementLevel: ENFORCEMENT_LEVEL, policies: allPolicies }, () => {
  new PolicyPack(NAME, { enforcementLevel: ENFORCEMENT_LEVEL, policies: allPolicies });
});
