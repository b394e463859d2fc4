/** Ingress rules normalised from the three ways a program writes them, and the questions asked of them. */
import * as assert from "node:assert/strict";
import { ingressRules, isWorld, onlyPorts, type IngressRule } from "../lib/ingress";
import { UNKNOWN_NUMBER, UNKNOWN_STRING } from "../lib/props";
import { T } from "../lib/types";

function rules(type: string, props: Record<string, unknown>): IngressRule[] {
  const r = ingressRules(type, props);
  if (r === "unknown") throw new Error("unknown");
  return r;
}

const rule = (r: Partial<IngressRule>): IngressRule => ({
  where: "rule",
  protocol: "tcp",
  fromPort: 443,
  toPort: 443,
  cidrs: [],
  unknown: false,
  ...r,
});

describe("lib/ingress: ingressRules", () => {
  it("reads a security group's inline rules, IPv4 and IPv6, with their position", () => {
    for (const type of [T.securityGroup, T.defaultSecurityGroup]) {
      assert.deepEqual(
        rules(type, {
          ingress: [
            { protocol: "TCP", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] },
            { protocol: "udp", fromPort: 53, toPort: 53, cidrBlocks: "10.0.0.0/8" },
          ],
        }),
        [
          rule({ where: "ingress[0]", cidrs: ["0.0.0.0/0", "::/0"] }),
          rule({ where: "ingress[1]", protocol: "udp", fromPort: 53, toPort: 53, cidrs: ["10.0.0.0/8"] }),
        ],
        type,
      );
    }
    assert.deepEqual(rules(T.securityGroup, {}), []);
    assert.equal(ingressRules(T.securityGroup, { ingress: UNKNOWN_STRING }), "unknown");
  });

  it("fills what a rule leaves out as AWS does: all protocols, all ports, no CIDRs", () => {
    assert.deepEqual(rules(T.securityGroup, { ingress: [{ cidrBlocks: null, ipv6CidrBlocks: undefined }] }), [
      rule({ where: "ingress[0]", protocol: "-1", fromPort: 0, toPort: 65535 }),
    ]);
  });

  it("marks a rule unknown when any port, protocol or CIDR (or one CIDR of a list) is unknown", () => {
    const one = (g: Record<string, unknown>) =>
      rules(T.securityGroup, { ingress: [{ protocol: "tcp", fromPort: 1, toPort: 2, ...g }] })[0].unknown;
    assert.equal(one({ cidrBlocks: ["10.0.0.0/8"] }), false);
    assert.equal(one({ cidrBlocks: UNKNOWN_STRING }), true);
    assert.equal(one({ cidrBlocks: ["10.0.0.0/8", UNKNOWN_STRING] }), true);
    assert.equal(one({ cidrBlocks: ["10.0.0.0/8"], ipv6CidrBlocks: [UNKNOWN_STRING] }), true);
    assert.equal(one({ fromPort: UNKNOWN_NUMBER }), true);
    assert.equal(one({ protocol: UNKNOWN_STRING }), true);
  });

  it("reads standalone rules: vpc.SecurityGroupIngressRule, and ec2.SecurityGroupRule of type ingress only", () => {
    assert.deepEqual(rules(T.sgIngressRule, { ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "0.0.0.0/0" }), [
      rule({ fromPort: 22, toPort: 22, cidrs: ["0.0.0.0/0"] }),
    ]);
    assert.deepEqual(rules(T.sgIngressRule, { ipProtocol: "-1", cidrIpv6: "::/0" }), [
      rule({ protocol: "-1", fromPort: 0, toPort: 65535, cidrs: ["::/0"] }),
    ]);
    assert.deepEqual(
      rules(T.sgRule, { type: "ingress", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }),
      [rule({ cidrs: ["0.0.0.0/0"] })],
    );
    assert.deepEqual(rules(T.sgRule, { type: "egress", protocol: "-1", cidrBlocks: ["0.0.0.0/0"] }), []);
    assert.deepEqual(rules("aws:s3/bucketV2:BucketV2", { ingress: [{ cidrBlocks: ["0.0.0.0/0"] }] }), []);
    assert.deepEqual(rules("aws:s3/bucketV2:BucketV2", { type: "ingress", protocol: "tcp", cidrBlocks: ["0.0.0.0/0"] }), []);
  });
});

describe("lib/ingress: isWorld and onlyPorts", () => {
  it("isWorld: the IPv4 or IPv6 internet among other CIDRs", () => {
    assert.equal(isWorld(rule({ cidrs: ["10.0.0.0/8", "0.0.0.0/0"] })), true);
    assert.equal(isWorld(rule({ cidrs: ["::/0"] })), true);
    assert.equal(isWorld(rule({ cidrs: ["10.0.0.0/8", "0.0.0.0/1"] })), false);
    assert.equal(isWorld(rule({ cidrs: [] })), false);
  });

  it("onlyPorts: one TCP port (by name or number 6) from the list", () => {
    assert.equal(onlyPorts(rule({}), [80, 443]), true);
    assert.equal(onlyPorts(rule({ protocol: "6" }), [443]), true);
    assert.equal(onlyPorts(rule({ protocol: "udp" }), [443]), false);
    assert.equal(onlyPorts(rule({ protocol: "17" }), [443]), false);
    assert.equal(onlyPorts(rule({ protocol: "-1" }), [443]), false);
    assert.equal(onlyPorts(rule({ fromPort: 80, toPort: 443 }), [80, 443]), false);
    assert.equal(onlyPorts(rule({ fromPort: 22, toPort: 22 }), [80, 443]), false);
  });
});
