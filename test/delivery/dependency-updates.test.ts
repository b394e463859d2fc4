import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import Ajv from "ajv";
import * as yaml from "js-yaml";
import type { RegisteredResource } from "../../tools/harness";
import { STACKS, stackRun } from "../support/stacks";
import { CustomManager, extract, ExtractedDep } from "./renovate";
import { ROOT } from "./workflow-rules";

const schema = (name: string) => JSON.parse(fs.readFileSync(path.join(__dirname, "schemas", name), "utf8"));
// The vendored schemas use draft-07 keywords ajv's strict mode rejects (see schemas/README.md).
const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addFormat("regex", (v: string) => {
  try {
    new RegExp(v);
    return true;
  } catch {
    return false;
  }
});
const validateDependabot = ajv.compile(schema("dependabot-2.0.json"));
const validateRenovate = ajv.compile(schema("renovate-43.json"));
const errors = (v: { errors?: unknown }) => JSON.stringify(v.errors ?? [], null, 1);

const dependabot = () =>
  yaml.load(fs.readFileSync(path.join(ROOT, ".github", "dependabot.yml"), "utf8")) as Record<string, unknown>;
const renovate = () =>
  JSON.parse(fs.readFileSync(path.join(ROOT, "renovate.json"), "utf8")) as { customManagers: CustomManager[] } & Record<
    string,
    unknown
  >;

/** The releases whose chart, repository and version no helm manager extracts. */
function unmatchedCharts(releases: RegisteredResource[], deps: ExtractedDep[]): string[] {
  return releases
    .map((r) => ({
      chart: String(r.inputs.chart),
      version: String(r.inputs.version),
      repo: (r.inputs.repositoryOpts as { repo: string }).repo,
    }))
    .filter(
      ({ chart, version, repo }) =>
        !deps.some((d) => d.datasource === "helm" && d.depName === chart && d.currentValue === version && d.registryUrl === repo),
    )
    .map(({ chart, version, repo }) => `${chart} ${version} (${repo})`);
}

describe("dependency updates", () => {
  describe("Dependabot (.github/dependabot.yml) against SchemaStore's dependabot-2.0 schema", () => {
    it("validates, covers npm and github-actions, each grouped with a cooldown", () => {
      const doc = dependabot();
      assert.ok(validateDependabot(doc), errors(validateDependabot));
      const updates = doc.updates as { "package-ecosystem": string; groups?: object; cooldown?: object }[];
      for (const eco of ["npm", "github-actions"]) {
        const u = updates.find((x) => x["package-ecosystem"] === eco);
        assert.ok(u, eco);
        assert.ok(u.groups && Object.keys(u.groups).length > 0, `${eco} groups`);
        assert.ok(u.cooldown, `${eco} cooldown`);
      }
    });
    it("rejects a planted bad config (unknown ecosystem, cooldown out of range)", () => {
      const doc = dependabot() as { updates: Record<string, unknown>[] };
      doc.updates[0]["package-ecosystem"] = "npmm";
      assert.equal(validateDependabot(doc), false);
      const doc2 = dependabot() as { updates: { cooldown: Record<string, number> }[] };
      doc2.updates[0].cooldown["default-days"] = 365;
      assert.equal(validateDependabot(doc2), false);
    });
  });

  describe("Renovate (renovate.json) against SchemaStore's renovate-43 schema", () => {
    it("validates and enables only the regex managers (npm and actions stay Dependabot's)", () => {
      const doc = renovate();
      assert.ok(validateRenovate(doc), errors(validateRenovate));
      assert.deepEqual(doc.enabledManagers, ["custom.regex"]);
    });
    it("rejects a planted bad config (unknown customType, a number where a duration string is required)", () => {
      const doc = renovate();
      doc.customManagers[0] = { ...doc.customManagers[0], customType: "regexp" as "regex" };
      assert.equal(validateRenovate(doc), false);
      assert.equal(validateRenovate({ ...renovate(), minimumReleaseAge: 7 }), false);
    });
  });

  describe("every version the program pins is matched by a Renovate manager", () => {
    let deps: ExtractedDep[];
    const resources: RegisteredResource[] = [];
    const kubernetesVersions = new Set<string>();
    before(async () => {
      deps = extract(ROOT, renovate().customManagers);
      for (const stack of STACKS) {
        const run = await stackRun(stack);
        resources.push(...run.resources);
        for (const c of run.resources.filter((r) => r.type === "eks:index:Cluster"))
          kubernetesVersions.add(String(c.inputs.version));
      }
    });
    const has = (pred: (d: ExtractedDep) => boolean) => deps.some(pred);

    it("Helm charts: chart, repository and version of every release", () => {
      const releases = resources.filter((r) => r.type === "kubernetes:helm.sh/v3:Release");
      assert.ok(releases.length > 0);
      assert.deepEqual(unmatchedCharts(releases, deps), []);
    });

    it("EKS add-ons: name, version and the cluster's Kubernetes version", () => {
      const addons = resources.filter((r) => r.type === "aws:eks/addon:Addon");
      assert.ok(addons.length > 0);
      for (const a of addons) {
        const { addonName, addonVersion } = a.inputs as { addonName: string; addonVersion: string };
        for (const k of kubernetesVersions)
          assert.ok(
            has(
              (d) =>
                d.datasource === "aws-eks-addon" &&
                d.currentValue === addonVersion &&
                JSON.stringify(JSON.parse(d.packageName ?? "{}")) === JSON.stringify({ kubernetesVersion: k, addonName }),
            ),
            `${addonName} ${addonVersion} for Kubernetes ${k} is not matched by a Renovate manager`,
          );
      }
    });

    it("container image tags set in chart values", () => {
      const images: { chart: string; repository?: string; tag: string }[] = [];
      const walk = (chart: string, v: unknown): void => {
        if (!v || typeof v !== "object") return;
        const o = v as Record<string, unknown>;
        if (typeof o.tag === "string") images.push({ chart, repository: o.repository as string | undefined, tag: o.tag });
        for (const x of Object.values(o)) walk(chart, x);
      };
      for (const r of resources.filter((x) => x.type === "kubernetes:helm.sh/v3:Release"))
        walk(String(r.inputs.chart), r.inputs.values);
      assert.ok(images.length > 0);
      for (const i of images)
        assert.ok(
          has(
            (d) =>
              d.datasource === "docker" &&
              d.currentValue === i.tag &&
              (i.repository ? d.depName === i.repository : (d.depName ?? "").endsWith(`/${i.chart}`)),
          ),
          `image ${i.repository ?? i.chart}:${i.tag} is not matched by a Renovate manager`,
        );
    });

    it("a planted chart pin the managers cannot see is reported", () => {
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "renovate-"));
      fs.mkdirSync(path.join(tmp, "components", "x"), { recursive: true });
      // A chart written with another key order than the manager expects.
      fs.writeFileSync(
        path.join(tmp, "components", "x", "versions.ts"),
        'export const C = { version: "1.14.1", chart: "karpenter", repo: "oci://public.ecr.aws/karpenter" };\n',
      );
      const found = extract(tmp, renovate().customManagers);
      fs.rmSync(tmp, { recursive: true });
      const release = {
        type: "kubernetes:helm.sh/v3:Release",
        inputs: { chart: "karpenter", version: "1.14.1", repositoryOpts: { repo: "oci://public.ecr.aws/karpenter" } },
      } as unknown as RegisteredResource;
      assert.deepEqual(unmatchedCharts([release], found), ["karpenter 1.14.1 (oci://public.ecr.aws/karpenter)"]);
    });
  });
});
