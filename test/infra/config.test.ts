import { strict as assert } from "node:assert";
import { ConfigError, loadConfig } from "../../infra/config";
import { readStackConfig, runStack } from "../../tools/harness";
import { STACKS } from "../support/stacks";

const P = "b2b-commerce";

/** The committed config of a stack with some keys changed (undefined removes a key). */
function configOf(stack: string, changes: Record<string, string | undefined>): Record<string, string | undefined> {
  const raw: Record<string, string | undefined> = readStackConfig(stack);
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) delete raw[`${P}:${k}`];
    else raw[`${P}:${k}`] = v;
  }
  return raw;
}

function problemsOf(stack: string, changes: Record<string, string | undefined>): string[] {
  try {
    loadConfig(P, stack, configOf(stack, changes));
  } catch (e) {
    assert.ok(e instanceof ConfigError, String(e));
    assert.match(e.message, new RegExp(`stack "${stack}"`));
    return e.problems;
  }
  assert.fail(`expected a ConfigError for ${JSON.stringify(changes)}`);
}

/** Each case: the change, the key the message must name, the value it must quote, what it must allow. */
const BAD: {
  title: string;
  stack: string;
  change: Record<string, string | undefined>;
  key: string;
  value: string;
  allowed: RegExp;
}[] = [
  {
    title: "unknown environment",
    stack: "dev",
    change: { environment: "qa" },
    key: "environment",
    value: '"qa"',
    allowed: /"dev", "staging", "prod"/,
  },
  {
    title: "missing region",
    stack: "dev",
    change: { region: undefined },
    key: "region",
    value: "not set",
    allowed: /AWS region/,
  },
  {
    title: "malformed region",
    stack: "staging",
    change: { region: "europe-1" },
    key: "region",
    value: '"europe-1"',
    allowed: /eu-central-1/,
  },
  {
    title: "bad e-mail",
    stack: "prod",
    change: { alertEmail: "alerts-at-example" },
    key: "alertEmail",
    value: '"alerts-at-example"',
    allowed: /e-mail address/,
  },
  {
    title: "bad domain",
    stack: "prod",
    change: { domain: "Shop_Example" },
    key: "domain",
    value: '"Shop_Example"',
    allowed: /DNS domain/,
  },
  { title: "empty owner", stack: "dev", change: { owner: undefined }, key: "owner", value: "not set", allowed: /tag value/ },
  {
    title: "cost centre with forbidden characters",
    stack: "dev",
    change: { costCenter: "CC#1<2>" },
    key: "costCenter",
    value: '"CC#1<2>"',
    allowed: /tag value/,
  },
  {
    title: "VPC CIDR not a CIDR",
    stack: "dev",
    change: { vpcCidr: "10.0.0.0" },
    key: "vpcCidr",
    value: '"10.0.0.0"',
    allowed: /\/16 to \/20/,
  },
  {
    title: "VPC CIDR with host bits",
    stack: "dev",
    change: { vpcCidr: "10.0.0.1/16" },
    key: "vpcCidr",
    value: '"10.0.0.1/16"',
    allowed: /no host bits/,
  },
  {
    title: "VPC CIDR too small",
    stack: "staging",
    change: { vpcCidr: "10.0.0.0/24" },
    key: "vpcCidr",
    value: '"10.0.0.0/24"',
    allowed: /\/16 to \/20/,
  },
  { title: "one AZ", stack: "dev", change: { azCount: "1" }, key: "azCount", value: '"1"', allowed: /integer from 2 to 3/ },
  { title: "four AZs", stack: "prod", change: { azCount: "4" }, key: "azCount", value: '"4"', allowed: /integer from 2 to 3/ },
  {
    title: "a single NAT gateway in prod",
    stack: "prod",
    change: { network: '{"natStrategy":"Single"}' },
    key: "network.natStrategy",
    value: '"Single"',
    allowed: /OnePerAz/,
  },
  {
    title: "unknown NAT strategy",
    stack: "dev",
    change: { network: '{"natStrategy":"None"}' },
    key: "network.natStrategy",
    value: '"None"',
    allowed: /"Single", "OnePerAz"/,
  },
  {
    title: "retention CloudWatch does not offer",
    stack: "dev",
    change: { network: '{"flowLogRetentionDays":10}' },
    key: "network.flowLogRetentionDays",
    value: "10",
    allowed: /one of 1, 3, 5, 7, 14/,
  },
  {
    title: "interfaceEndpoints not a boolean",
    stack: "dev",
    change: { network: '{"interfaceEndpoints":"yes"}' },
    key: "network.interfaceEndpoints",
    value: '"yes"',
    allowed: /true or false/,
  },
  {
    title: "network not an object",
    stack: "dev",
    change: { network: "[1,2]" },
    key: "network",
    value: '"[1,2]"',
    allowed: /object/,
  },
  {
    title: "unknown network field",
    stack: "dev",
    change: { network: '{"natGateways":2}' },
    key: "network.natGateways",
    value: "2",
    allowed: /known fields/,
  },
  {
    title: "subnet outside the VPC",
    stack: "dev",
    change: {
      network:
        '{"subnetCidrs":{"public":["10.10.0.0/24","10.11.0.0/24"],"private":["10.10.32.0/19","10.10.64.0/19"],"isolated":["10.10.1.0/24","10.10.2.0/24"]}}',
    },
    key: "network.subnetCidrs.public[1]",
    value: '"10.11.0.0/24"',
    allowed: /inside the VPC CIDR 10\.10\.0\.0\/16/,
  },
  {
    title: "overlapping subnets",
    stack: "dev",
    change: {
      network:
        '{"subnetCidrs":{"public":["10.10.0.0/24","10.10.1.0/24"],"private":["10.10.0.0/19","10.10.64.0/19"],"isolated":["10.10.200.0/24","10.10.201.0/24"]}}',
    },
    key: "network.subnetCidrs.private[0]",
    value: '"10.10.0.0/19"',
    allowed: /not overlap network\.subnetCidrs\.public\[0\]/,
  },
  {
    title: "a tier with the wrong number of subnets",
    stack: "staging",
    change: {
      network:
        '{"subnetCidrs":{"public":["10.20.0.0/24"],"private":["10.20.32.0/19","10.20.64.0/19","10.20.96.0/19"],"isolated":["10.20.1.0/24","10.20.2.0/24","10.20.3.0/24"]}}',
    },
    key: "network.subnetCidrs.public",
    value: '["10.20.0.0/24"]',
    allowed: /exactly 3 CIDRs/,
  },
  {
    title: "a misspelt key",
    stack: "dev",
    change: { vpcCIDR: "10.0.0.0/16" },
    key: "vpcCIDR",
    value: '"(set)"',
    allowed: /a known key/,
  },
];

describe("infra/config", () => {
  for (const stack of STACKS) {
    it(`accepts the committed ${stack} config`, () => {
      const config = loadConfig(P, stack, readStackConfig(stack));
      assert.equal(config.environment, stack);
      assert.equal(config.network.subnetCidrs.private.length, config.network.azCount);
    });
  }

  it("derives a non-overlapping default subnet plan inside the VPC", () => {
    const config = loadConfig(P, "prod", readStackConfig("prod"));
    assert.deepEqual(config.network.subnetCidrs, {
      private: ["10.30.0.0/19", "10.30.32.0/19", "10.30.64.0/19"],
      public: ["10.30.128.0/22", "10.30.132.0/22", "10.30.136.0/22"],
      isolated: ["10.30.160.0/22", "10.30.164.0/22", "10.30.168.0/22"],
    });
  });

  describe(`rejects ${BAD.length} bad configs, naming stack, key, value and what is allowed`, () => {
    for (const c of BAD) {
      it(c.title, () => {
        const problems = problemsOf(c.stack, c.change);
        const line = problems.find((p) => p.startsWith(`config key "${P}:${c.key}" `));
        assert.ok(line, `no problem names ${c.key}: ${problems.join(" | ")}`);
        assert.ok(line.includes(` is ${c.value};`), `value not quoted: ${line}`);
        assert.match(line, c.allowed);
      });
    }
  });

  it("reports every bad key together", () => {
    const problems = problemsOf("prod", { region: "mars-1", alertEmail: "nope", azCount: "9", vpcCidr: "300.0.0.0/16" });
    assert.deepEqual(problems.map((p) => /config key "b2b-commerce:([^"]+)"/.exec(p)?.[1]).sort(), [
      "alertEmail",
      "azCount",
      "region",
      "vpcCidr",
    ]);
  });

  it("fails before any resource is registered", async () => {
    let registered = -1;
    await assert.rejects(
      runStack("dev", {
        config: { vpcCidr: "10.0.0.0/8" },
        program: async () => {
          const pulumi = await import("@pulumi/pulumi");
          registered = 0;
          const monitor = pulumi.runtime.getMonitor() as unknown as { resources: Map<string, unknown> };
          try {
            return await (require("../../infra") as () => Promise<Record<string, unknown>>)();
          } finally {
            // The mock monitor keeps every registration; only the stack itself may exist.
            registered = [...monitor.resources.keys()].filter(
              (urn) => !urn.endsWith("pulumi:pulumi:Stack::b2b-commerce-dev"),
            ).length;
          }
        },
      }),
      /config key "b2b-commerce:vpcCidr" is "10.0.0.0\/8"/,
    );
    assert.equal(registered, 0);
  });
});

describe("infra/config: the declared sections", () => {
  it("accepts the China and GovCloud regions the region pattern names", () => {
    for (const region of ["cn-north-1", "cn-northwest-1", "us-gov-west-1", "eu-central-1"]) {
      assert.equal(loadConfig(P, "dev", configOf("dev", { region })).region, region);
    }
    assert.ok(problemsOf("dev", { region: "cn-mars-1" }).some((p) => p.includes(`"${P}:region" is "cn-mars-1"`)));
  });

  it("overlays a stack's nested field on the profile and keeps the rest of the object", () => {
    const c = loadConfig(P, "prod", configOf("prod", { cluster: '{"nodeGroups":{"apps":{"maxSize":20}}}' })).cluster;
    assert.equal(c.nodeGroups.apps.maxSize, 20);
    assert.deepEqual(c.nodeGroups.apps.instanceTypes, ["m7g.xlarge", "m6g.xlarge"]);
    assert.equal(c.nodeGroups.system.minSize, 3);
  });

  it("does not let a stack file override a profile-only field", () => {
    const [p] = problemsOf("prod", { cluster: '{"spotAllowed":true}' });
    assert.match(p, /"b2b-commerce:cluster\.spotAllowed" is true; allowed: no such field/);
  });

  it("reads numbers of top-level keys from their text and shows the text when it is bad", () => {
    assert.equal(loadConfig(P, "dev", configOf("dev", { azCount: "3" })).network.azCount, 3);
    assert.ok(
      problemsOf("dev", { azCount: "two" }).includes(`config key "${P}:azCount" is "two"; allowed: an integer from 2 to 3`),
    );
  });

  it("reports a bad field once, and its cross-field rule runs on the profile default instead", () => {
    // replicaCount 9 is outside 0..5; the prod minimum rule must not add a second message for it.
    const problems = problemsOf("prod", { database: '{"replicaCount":9,"maxAllocatedStorage":10}' });
    assert.deepEqual(problems.map((p) => /config key "b2b-commerce:([^"]+)"/.exec(p)?.[1]).sort(), [
      "database.maxAllocatedStorage",
      "database.replicaCount",
    ]);
  });
});
