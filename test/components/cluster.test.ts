import { strict as assert } from "node:assert";
import { CHARTS, ADDON_VERSIONS, CLUSTER_AUTOSCALER_IMAGE_TAGS } from "../../components/cluster/versions";
import { ConfigError, loadConfig } from "../../infra/config";
import { ofType, projectName, readStackConfig, RegisteredResource, StackRun, scopeTo } from "../../tools/harness";
import { stackRun, stackRunWith, STACKS } from "../support/stacks";
import { MOCK_ACCOUNT_ID } from "../../tools/mocks";
import { profiles } from "../../stacks";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const REGION = "eu-central-1";
const LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"];
const NODE_POLICIES = ["AmazonEKSWorkerNodePolicy", "AmazonEKS_CNI_Policy", "AmazonEC2ContainerRegistryReadOnly"].map(
  (p) => `arn:aws:iam::aws:policy/${p}`,
);
const APP_NAMESPACES = ["storefront", "api", "workers"];
const EXPECTED_SERVICE_ACCOUNTS: Record<string, string> = {
  "ebs-csi": "system:serviceaccount:kube-system:ebs-csi-controller-sa",
  "aws-load-balancer-controller": "system:serviceaccount:kube-system:aws-load-balancer-controller",
  "cluster-autoscaler": "system:serviceaccount:kube-system:cluster-autoscaler",
  "external-secrets": "system:serviceaccount:external-secrets:external-secrets",
};

const parse = (v: unknown): Json => (typeof v === "string" ? JSON.parse(v) : (v as Json));
const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function one(run: StackRun, type: string, name: string): RegisteredResource {
  const found = run.resources.filter((r) => r.type === type && r.name === name);
  assert.equal(found.length, 1, `expected one ${type} named ${name}, found ${found.length}`);
  return found[0];
}
const inCluster = (run: StackRun) => run.resources.filter((r) => r.urn.includes("b2b:cluster:Cluster"));
const eksCluster = (run: StackRun) => one(run, "eks:index:Cluster", "eks").inputs;

/** Every IAM role of the cluster with its trust policy, inline statements and managed policy ARNs. */
function roles(run: StackRun) {
  return ofType(run, "aws:iam/role:Role")
    .filter((r) => r.urn.includes("b2b:cluster:Cluster"))
    .map((r) => {
      const name = r.inputs.name as string;
      const statements = ofType(run, "aws:iam/rolePolicy:RolePolicy")
        .filter((p) => p.inputs.role === name)
        .flatMap((p) => list(parse(p.inputs.policy).Statement as Json[]));
      const managed = ofType(run, "aws:iam/rolePolicyAttachment:RolePolicyAttachment")
        .filter((p) => p.inputs.role === name)
        .map((p) => p.inputs.policyArn as string);
      return { logical: r.name, name, trust: parse(r.inputs.assumeRolePolicy), statements, managed };
    });
}

/** Kubernetes objects of a kind in a namespace. */
const k8sObjects = (run: StackRun, type: string, namespace?: string) =>
  ofType(run, type).filter((r) => namespace === undefined || (r.inputs.metadata as Json)?.namespace === namespace);

for (const stack of STACKS) {
  describe(`cluster component (${stack})`, () => {
    let run: StackRun;
    const profile = profiles[stack].cluster;
    const prod = stack === "prod";

    before(async () => {
      run = scopeTo(await stackRun(stack), "b2b:cluster:Cluster");
    });

    describe("control plane", () => {
      it("pins Kubernetes 1.35 and uses standard support only (no extended-support billing)", () => {
        const c = eksCluster(run);
        assert.equal(c.version, "1.35");
        assert.deepEqual(c.upgradePolicy, { supportType: "STANDARD" });
      });

      it("has the private endpoint on and the public endpoint only from the stack's allow-list", () => {
        const c = eksCluster(run);
        assert.equal(c.endpointPrivateAccess, true);
        if (stack === "dev") {
          assert.equal(c.endpointPublicAccess, true);
          assert.deepEqual(c.publicAccessCidrs, ["203.0.113.0/24"]);
        } else {
          assert.equal(c.endpointPublicAccess, false, "staging/prod have no allow-list, so no public endpoint");
          assert.equal(c.publicAccessCidrs, undefined);
        }
        for (const cidr of list(c.publicAccessCidrs as string[])) assert.ok(!cidr.endsWith("/0"), cidr);
      });

      it("runs in the private subnets of every AZ, with API authentication mode and our own roles and groups", () => {
        const c = eksCluster(run);
        assert.equal((c.privateSubnetIds as string[]).length, profiles[stack].network.azCount);
        assert.ok((c.privateSubnetIds as string[]).every((s) => s.includes("private")));
        assert.equal(c.authenticationMode, "API");
        assert.equal(c.serviceRole, "cluster-role-id");
        assert.equal(c.skipDefaultNodeGroup, true);
        assert.equal(c.createOidcProvider, true);
        assert.equal(c.bootstrapSelfManagedAddons, false);
      });

      it("hands the stack's explicit AWS provider (with the default tags) to the remote eks.Cluster", () => {
        const aws = one(run, "pulumi:providers:aws", "aws");
        assert.equal(one(run, "eks:index:Cluster", "eks").providers.aws, aws.urn);
      });

      it(`has deletion protection and protect ${prod ? "on" : "off"}`, () => {
        assert.equal(eksCluster(run).deletionProtection, prod);
        assert.equal(one(run, "eks:index:Cluster", "eks").protect, prod);
      });

      it("encrypts Secrets with its own rotating key that only this account and the cluster role may use", () => {
        const key = one(run, "aws:kms/key:Key", "secrets-key");
        assert.equal(eksCluster(run).encryptionConfigKeyArn, `arn:aws:kms:${REGION}:${MOCK_ACCOUNT_ID}:key/secrets-key-id`);
        assert.equal(key.inputs.enableKeyRotation, true);
        assert.equal(key.protect, prod);
        const clusterRoleArn = `arn:aws:iam::${MOCK_ACCOUNT_ID}:role/${one(run, "aws:iam/role:Role", "cluster-role").inputs.name}`;
        const principals = (parse(key.inputs.policy).Statement as Json[]).map((s) => s.Principal);
        assert.ok(principals.every((p) => p !== "*" && typeof p === "object"));
        assert.deepEqual(
          [...new Set(principals.map((p) => p.AWS))].sort(),
          [`arn:aws:iam::${MOCK_ACCOUNT_ID}:root`, clusterRoleArn].sort(),
        );
      });

      it("sends all five control-plane log types to an encrypted group created before the cluster", () => {
        const c = one(run, "eks:index:Cluster", "eks");
        assert.deepEqual(c.inputs.enabledClusterLogTypes, LOG_TYPES);
        const group = one(run, "aws:cloudwatch/logGroup:LogGroup", "control-plane-logs");
        assert.equal(group.inputs.name, `/aws/eks/${c.inputs.name}/cluster`);
        assert.equal(group.inputs.retentionInDays, profile.controlPlaneLogRetentionDays);
        assert.equal(group.inputs.kmsKeyId, `arn:aws:kms:${REGION}:${MOCK_ACCOUNT_ID}:key/logs-key-id`);
        assert.equal(one(run, "aws:kms/key:Key", "logs-key").inputs.enableKeyRotation, true);
        assert.ok(c.dependencies.includes(group.urn), "cluster depends on its log group");
        assert.equal(group.protect, prod);
      });

      it("gives the configured admin role cluster-admin through an access entry", () => {
        const entry = one(run, "aws:eks/accessEntry:AccessEntry", "cluster-admin");
        assert.equal(entry.inputs.principalArn, `arn:aws:iam::${MOCK_ACCOUNT_ID}:role/b2b-platform-admin`);
        const assoc = one(run, "aws:eks/accessPolicyAssociation:AccessPolicyAssociation", "cluster-admin");
        assert.equal(assoc.inputs.policyArn, "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy");
        assert.deepEqual(assoc.inputs.accessScope, { type: "cluster" });
        assert.equal(ofType(run, "kubernetes:core/v1:ConfigMap").length, 0, "no aws-auth ConfigMap");
      });
    });

    describe("node groups", () => {
      const groups = () => Object.fromEntries(ofType(run, "aws:eks/nodeGroup:NodeGroup").map((g) => [g.name, g]));

      it("has exactly a system and an apps group", () => {
        assert.deepEqual(Object.keys(groups()).sort(), ["apps", "system"]);
      });

      it(`runs system on demand and apps on ${prod ? "demand" : "Spot"}`, () => {
        assert.equal(groups().system.inputs.capacityType, "ON_DEMAND");
        assert.equal(groups().apps.inputs.capacityType, prod ? "ON_DEMAND" : "SPOT");
      });

      it("sizes each group from the environment profile", () => {
        for (const key of ["system", "apps"] as const) {
          const p = profile.nodeGroups[key];
          assert.deepEqual(groups()[key].inputs.scalingConfig, {
            minSize: p.minSize,
            desiredSize: p.desiredSize,
            maxSize: p.maxSize,
          });
          assert.deepEqual(groups()[key].inputs.instanceTypes, p.instanceTypes);
        }
        if (stack !== "dev") assert.ok(profile.nodeGroups.system.minSize >= 2, "HA: system survives a node loss");
      });

      it("uses the Graviton (arm64) AMI type and only arm64 instance types", () => {
        for (const g of Object.values(groups())) {
          assert.equal(g.inputs.amiType, "AL2023_ARM_64_STANDARD");
          for (const t of g.inputs.instanceTypes as string[]) assert.match(t, /^[a-z]+\d+g[a-z]*\./);
        }
      });

      it("spreads each group over the private subnets of every AZ", () => {
        for (const g of Object.values(groups())) {
          const subnets = g.inputs.subnetIds as string[];
          assert.equal(subnets.length, profiles[stack].network.azCount);
          assert.equal(new Set(subnets).size, subnets.length);
          assert.ok(subnets.every((s) => s.includes("private")));
        }
      });

      it("launches nodes with IMDSv2 required, hop limit 1 and an encrypted gp3 root volume", () => {
        for (const key of ["system", "apps"]) {
          const lt = one(run, "aws:ec2/launchTemplate:LaunchTemplate", `${key}-lt`);
          assert.equal((groups()[key].inputs.launchTemplate as Json).id, lt.name + "-id");
          const md = lt.inputs.metadataOptions as Json;
          assert.equal(md.httpTokens, "required");
          assert.equal(md.httpPutResponseHopLimit, 1);
          const [root] = lt.inputs.blockDeviceMappings as Json[];
          assert.equal(root.ebs.volumeType, "gp3");
          assert.equal(root.ebs.encrypted, "true");
          assert.equal(root.ebs.kmsKeyId, `arn:aws:kms:${REGION}:${MOCK_ACCOUNT_ID}:key/ebs-key-id`);
          assert.equal(root.ebs.volumeSize, profile.nodeGroups[key as "system" | "apps"].diskSizeGiB);
          assert.deepEqual(lt.inputs.vpcSecurityGroupIds, ["node-sg-id", "sg-eks-cluster"]);
        }
        assert.equal(one(run, "aws:kms/key:Key", "ebs-key").inputs.enableKeyRotation, true);
      });

      it("copies the required tags onto the instances and volumes Auto Scaling launches", () => {
        for (const key of ["system", "apps"]) {
          const lt = one(run, "aws:ec2/launchTemplate:LaunchTemplate", `${key}-lt`);
          const specs = lt.inputs.tagSpecifications as Json[];
          assert.deepEqual(specs.map((t) => t.resourceType).sort(), ["instance", "volume"]);
          for (const spec of specs) {
            assert.equal(spec.tags.Environment, stack);
            for (const tag of ["Project", "Owner", "CostCenter", "ManagedBy", "Name"]) assert.ok(spec.tags[tag], `${key} ${tag}`);
          }
        }
      });

      it("taints and labels the system group so that only system add-ons land there", () => {
        assert.deepEqual(groups().system.inputs.taints, [{ key: "CriticalAddonsOnly", value: "true", effect: "NO_SCHEDULE" }]);
        assert.deepEqual(groups().system.inputs.labels, { "b2b.io/node-pool": "system" });
        assert.deepEqual(groups().apps.inputs.taints, []);
        assert.deepEqual(groups().apps.inputs.labels, { "b2b.io/node-pool": "apps" });
      });

      it("gives the node role only the worker, CNI and ECR read-only managed policies", () => {
        const node = roles(run).find((r) => r.logical === "node-role")!;
        assert.deepEqual(node.managed.sort(), [...NODE_POLICIES].sort());
        assert.deepEqual(node.statements, [], "no inline policies");
        assert.equal(node.trust.Statement[0].Principal.Service, "ec2.amazonaws.com");
        for (const g of Object.values(groups()))
          assert.equal(g.inputs.nodeRoleArn, `arn:aws:iam::${MOCK_ACCOUNT_ID}:role/${node.name}`);
      });

      it("opens the private API endpoint on 443 to the private subnets only (for an in-VPC deploy runner)", () => {
        const rules = ofType(run, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter(
          (r) => r.urn.includes("b2b:cluster:Cluster") && r.inputs.securityGroupId === "sg-eks-cluster",
        );
        const privateCidrs = loadConfig(projectName(), stack, readStackConfig(stack)).network.subnetCidrs.private;
        assert.deepEqual(
          rules.map((r) => r.inputs.cidrIpv4),
          privateCidrs,
        );
        for (const r of rules) assert.deepEqual([r.inputs.ipProtocol, r.inputs.fromPort, r.inputs.toPort], ["tcp", 443, 443]);
      });

      it("has a node security group with no ingress from outside the group", () => {
        const rules = ofType(run, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter(
          (r) => r.urn.includes("b2b:cluster:Cluster") && r.inputs.securityGroupId === "node-sg-id",
        );
        assert.ok(rules.length > 0);
        for (const r of rules) {
          assert.equal(r.inputs.cidrIpv4, undefined, `${r.name} opens to a CIDR`);
          assert.equal(r.inputs.referencedSecurityGroupId, "node-sg-id");
        }
      });
    });

    describe("service-account roles and IAM", () => {
      it("binds each service-account role to exactly one service account and the STS audience", () => {
        const irsa = roles(run).filter((r) => r.trust.Statement.some((s: Json) => s.Principal?.Federated));
        assert.deepEqual(irsa.map((r) => r.logical.replace(/-role$/, "")).sort(), Object.keys(EXPECTED_SERVICE_ACCOUNTS).sort());
        for (const r of irsa) {
          assert.equal(r.trust.Statement.length, 1);
          const [s] = r.trust.Statement;
          assert.equal(s.Action, "sts:AssumeRoleWithWebIdentity");
          assert.match(s.Principal.Federated, /^arn:aws:iam::111122223333:oidc-provider\/oidc\.eks\./);
          const eq = s.Condition.StringEquals as Record<string, string>;
          assert.deepEqual(Object.keys(s.Condition), ["StringEquals"], "no wildcard (StringLike) conditions");
          const subs = Object.entries(eq).filter(([k]) => k.endsWith(":sub"));
          const auds = Object.entries(eq).filter(([k]) => k.endsWith(":aud"));
          assert.equal(subs.length, 1);
          assert.equal(subs[0][1], EXPECTED_SERVICE_ACCOUNTS[r.logical.replace(/-role$/, "")]);
          assert.deepEqual(
            auds.map(([, v]) => v),
            ["sts.amazonaws.com"],
          );
          assert.ok(!subs[0][0].startsWith("https://"));
        }
      });

      it("grants no '*' action, no PassRole, and '*' resources only to read-only actions", () => {
        for (const r of roles(run)) {
          for (const s of r.statements) {
            const actions = list(s.Action as string | string[]);
            assert.ok(!actions.some((a) => a === "*" || a.endsWith(":*")), `${r.logical}: ${actions}`);
            assert.ok(!actions.includes("iam:PassRole"), r.logical);
            if (list(s.Resource).includes("*")) {
              for (const a of actions) assert.match(a, /:(Describe|Get|List)/, `${r.logical} ${s.Sid}: ${a} on *`);
            }
          }
        }
      });

      it("lets external-secrets read only this stack's secrets and decrypt only through Secrets Manager", () => {
        const es = roles(run).find((r) => r.logical === "external-secrets-role")!;
        const prefix = `arn:aws:secretsmanager:${REGION}:${MOCK_ACCOUNT_ID}:secret:b2b-commerce/${stack}/*`;
        const read = es.statements.find((s) => s.Sid === "ReadThisStacksSecrets")!;
        assert.equal(read.Resource, prefix);
        assert.ok(list(read.Action as string[]).every((a) => a.startsWith("secretsmanager:")));
        const decrypt = es.statements.find((s) => s.Sid === "DecryptThisStacksSecretsThroughSecretsManager")!;
        assert.equal(decrypt.Action, "kms:Decrypt");
        assert.equal(decrypt.Condition.StringEquals["kms:ViaService"], `secretsmanager.${REGION}.amazonaws.com`);
        assert.equal(decrypt.Condition.StringLike["kms:EncryptionContext:SecretARN"], prefix);
        assert.equal(es.statements.length, 2);
      });

      it("scopes cluster-autoscaler's writes to this cluster's tagged Auto Scaling groups", () => {
        const ca = roles(run).find((r) => r.logical === "cluster-autoscaler-role")!;
        const clusterName = eksCluster(run).name as string;
        const writes = ca.statements.filter((s) => list(s.Action as string[]).some((a) => /SetDesired|Terminate/.test(a)));
        assert.equal(writes.length, 1);
        assert.deepEqual(writes[0].Condition, {
          StringEquals: { [`aws:ResourceTag/k8s.io/cluster-autoscaler/${clusterName}`]: "owned" },
        });
        assert.match(writes[0].Resource, /^arn:aws:autoscaling:eu-central-1:111122223333:autoScalingGroup:/);
      });

      it("scopes the load balancer controller's writes to this cluster's tag, account and VPC", () => {
        const lbc = roles(run).find((r) => r.logical === "aws-load-balancer-controller-role")!;
        const clusterName = eksCluster(run).name as string;
        const owned = lbc.statements.filter((s) => s.Condition?.StringEquals?.["aws:ResourceTag/elbv2.k8s.aws/cluster"]);
        assert.ok(owned.length >= 3);
        for (const s of owned) assert.equal(s.Condition.StringEquals["aws:ResourceTag/elbv2.k8s.aws/cluster"], clusterName);
        for (const s of lbc.statements) {
          for (const res of list(s.Resource as string | string[])) {
            if (res !== "*")
              assert.ok(res.includes(MOCK_ACCOUNT_ID) || res.startsWith("arn:aws:iam::111122223333"), `${s.Sid}: ${res}`);
          }
        }
        const nodeRules = lbc.statements.find((s) => s.Sid === "NodeGroupRulesInThisVpc")!;
        assert.equal(nodeRules.Condition.ArnEquals["ec2:Vpc"], `arn:aws:ec2:${REGION}:${MOCK_ACCOUNT_ID}:vpc/vpc-vpc`);
      });
    });

    describe("add-ons and charts", () => {
      it("pins every EKS add-on to the version built for Kubernetes 1.35", () => {
        const addons = ofType(run, "aws:eks/addon:Addon");
        assert.deepEqual(addons.map((a) => a.inputs.addonName).sort(), [
          "aws-ebs-csi-driver",
          "coredns",
          "kube-proxy",
          "vpc-cni",
        ]);
        for (const a of addons) {
          assert.equal(
            a.inputs.addonVersion,
            ADDON_VERSIONS["1.35"][a.inputs.addonName as keyof (typeof ADDON_VERSIONS)["1.35"]],
          );
          assert.match(a.inputs.addonVersion as string, /^v\d+\.\d+\.\d+-eksbuild\.\d+$/);
        }
      });

      it("gives the EBS CSI driver its own role and turns on network policy enforcement in the VPC CNI", () => {
        const ebs = one(run, "aws:eks/addon:Addon", "aws-ebs-csi-driver");
        const role = roles(run).find((r) => r.logical === "ebs-csi-role")!;
        assert.equal(ebs.inputs.serviceAccountRoleArn, `arn:aws:iam::${MOCK_ACCOUNT_ID}:role/${role.name}`);
        assert.deepEqual(role.managed, ["arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy"]);
        assert.equal(parse(one(run, "aws:eks/addon:Addon", "vpc-cni").inputs.configurationValues).enableNetworkPolicy, "true");
      });

      it("creates networking add-ons before nodes and CoreDNS/EBS CSI after them", () => {
        const system = one(run, "aws:eks/nodeGroup:NodeGroup", "system");
        assert.ok(system.dependencies.includes(one(run, "aws:eks/addon:Addon", "vpc-cni").urn));
        assert.ok(one(run, "aws:eks/addon:Addon", "coredns").dependencies.includes(system.urn));
      });

      it("pins every Helm release's chart version and repository", () => {
        const releases = ofType(run, "kubernetes:helm.sh/v3:Release");
        assert.equal(releases.length, 4);
        const expected = Object.values(CHARTS);
        for (const r of releases) {
          const chart = expected.find((c) => c.chart === r.inputs.chart)!;
          assert.ok(chart, `unexpected chart ${r.inputs.chart}`);
          assert.equal(r.inputs.version, chart.version);
          assert.match(r.inputs.version as string, /^\d+\.\d+\.\d+$/);
          assert.deepEqual(r.inputs.repositoryOpts, { repo: chart.repo });
          assert.notEqual(r.inputs.namespace, "default");
        }
        const ca = one(run, "kubernetes:helm.sh/v3:Release", "cluster-autoscaler");
        assert.equal((ca.inputs.values as Json).image.tag, CLUSTER_AUTOSCALER_IMAGE_TAGS["1.35"]);
      });

      it("places chart pods on system nodes with resource requests and memory limits", () => {
        for (const r of ofType(run, "kubernetes:helm.sh/v3:Release")) {
          const v = r.inputs.values as Json;
          assert.deepEqual(v.nodeSelector, { "b2b.io/node-pool": "system" }, r.name);
          assert.ok(v.resources.requests.cpu && v.resources.requests.memory && v.resources.limits.memory, r.name);
        }
      });

      it("sets restricted security contexts (non-root, read-only root, no escalation, drop ALL) on every chart", () => {
        const containerKey: Record<string, string> = { "cluster-autoscaler": "containerSecurityContext" };
        for (const r of ofType(run, "kubernetes:helm.sh/v3:Release")) {
          const v = r.inputs.values as Json;
          const c = v[containerKey[r.name] ?? "securityContext"];
          assert.equal(c.runAsNonRoot, true, r.name);
          assert.equal(c.readOnlyRootFilesystem, true, r.name);
          assert.equal(c.allowPrivilegeEscalation, false, r.name);
          assert.deepEqual(c.capabilities, { drop: ["ALL"] }, r.name);
        }
      });

      it("creates every AWS resource through the stack's explicit AWS provider (default tags)", () => {
        const aws = one(run, "pulumi:providers:aws", "aws");
        const resources = inCluster(run).filter((r) => r.custom && r.type.startsWith("aws:"));
        assert.ok(resources.length > 30);
        for (const r of resources) assert.equal(r.provider, aws.urn, r.urn);
      });

      it("sends every Kubernetes object through the cluster's provider", () => {
        const provider = one(run, "pulumi:providers:kubernetes", "k8s");
        const objects = run.resources.filter((r) => r.type.startsWith("kubernetes:"));
        assert.ok(objects.length > 10);
        for (const o of objects) assert.equal(o.provider, provider.urn, o.urn);
      });
    });

    describe("baseline", () => {
      it("makes an encrypted gp3 class with the volume key the default", () => {
        const [sc, ...rest] = ofType(run, "kubernetes:storage.k8s.io/v1:StorageClass");
        assert.equal(rest.length, 0);
        assert.equal((sc.inputs.metadata as Json).annotations["storageclass.kubernetes.io/is-default-class"], "true");
        assert.deepEqual(
          { type: (sc.inputs.parameters as Json).type, encrypted: (sc.inputs.parameters as Json).encrypted },
          { type: "gp3", encrypted: "true" },
        );
        assert.equal((sc.inputs.parameters as Json).kmsKeyId, `arn:aws:kms:${REGION}:${MOCK_ACCOUNT_ID}:key/ebs-key-id`);
        assert.equal(sc.inputs.reclaimPolicy, prod ? "Retain" : "Delete");
      });

      it("labels app namespaces restricted and monitoring privileged (host agents) for Pod Security Admission", () => {
        const labels: Record<string, Json> = Object.fromEntries(
          ofType(run, "kubernetes:core/v1:Namespace").map((n) => [
            (n.inputs.metadata as Json).name,
            (n.inputs.metadata as Json).labels,
          ]),
        );
        assert.deepEqual(Object.keys(labels).sort(), [...APP_NAMESPACES, "external-secrets", "monitoring"].sort());
        for (const ns of [...APP_NAMESPACES, "external-secrets"]) {
          assert.equal(labels[ns]["pod-security.kubernetes.io/enforce"], "restricted", ns);
        }
        assert.equal(labels.monitoring["pod-security.kubernetes.io/enforce"], "privileged");
        assert.equal(labels.monitoring["pod-security.kubernetes.io/warn"], "restricted");
        for (const l of Object.values(labels)) {
          assert.equal(l["pod-security.kubernetes.io/enforce-version"], "v1.35");
          assert.equal(l["pod-security.kubernetes.io/warn"], "restricted");
          assert.equal(l["pod-security.kubernetes.io/audit"], "restricted");
        }
      });

      it("denies all traffic by default in every app namespace", () => {
        for (const ns of APP_NAMESPACES) {
          const deny = k8sObjects(run, "kubernetes:networking.k8s.io/v1:NetworkPolicy", ns).find(
            (p) => (p.inputs.metadata as Json).name === "default-deny",
          );
          assert.ok(deny, ns);
          assert.deepEqual(deny.inputs.spec, { podSelector: {}, policyTypes: ["Ingress", "Egress"] });
        }
      });

      it("opens nothing itself: the default deny is the only policy of an app namespace (the flow table opens the paths)", () => {
        for (const ns of APP_NAMESPACES) {
          const names = k8sObjects(run, "kubernetes:networking.k8s.io/v1:NetworkPolicy", ns).map(
            (p) => (p.inputs.metadata as Json).name,
          );
          assert.deepEqual(names, ["default-deny"], ns);
        }
      });

      it("gives every app namespace the profile's ResourceQuota and a LimitRange with defaults", () => {
        for (const ns of APP_NAMESPACES) {
          const [quota] = k8sObjects(run, "kubernetes:core/v1:ResourceQuota", ns);
          const hard = (quota.inputs.spec as Json).hard;
          assert.equal(hard["requests.cpu"], profile.namespaceQuota.requestsCpu);
          assert.equal(hard["limits.memory"], profile.namespaceQuota.limitsMemory);
          assert.equal(hard.pods, String(profile.namespaceQuota.pods));
          assert.equal(hard["services.loadbalancers"], "0");
          const [limits] = k8sObjects(run, "kubernetes:core/v1:LimitRange", ns);
          const [container] = (limits.inputs.spec as Json).limits;
          assert.equal(container.type, "Container");
          assert.ok(container.default.cpu && container.default.memory && container.defaultRequest.cpu && container.max.memory);
        }
      });
    });

    describe("outputs", () => {
      it("exports cluster name, endpoint, OIDC provider ARN, node security group and a secret kubeconfig", () => {
        assert.equal(run.outputs.clusterName, `b2b-commerce-${stack}-eks`);
        assert.match(run.outputs.clusterEndpoint as string, /^https:\/\//);
        assert.match(run.outputs.clusterOidcProviderArn as string, /:oidc-provider\//);
        assert.equal(run.outputs.clusterNodeSecurityGroupId, "node-sg-id");
        assert.equal(run.outputs.kubeconfig, "[secret]");
        const component = run.componentOutputs[inCluster(run).find((r) => r.type === "b2b:cluster:Cluster")!.urn];
        assert.equal(component.kubeconfig, "[secret]");
        assert.ok(!(component.oidcIssuer as string).startsWith("https://"));
        assert.deepEqual(
          Object.keys(component.namespaces as Json).sort(),
          [...APP_NAMESPACES, "external-secrets", "monitoring"].sort(),
        );
      });
    });
  });
}

describe("cluster component (staging with an allow-list)", () => {
  let run: StackRun;
  const requested = stackRunWith("staging", { config: { cluster: JSON.stringify({ publicAccessCidrs: ["198.51.100.7/32"] }) } });
  before(async () => {
    run = scopeTo(await requested, "b2b:cluster:Cluster");
  });

  it("turns the public endpoint on only for the listed address", () => {
    const c = one(run, "eks:index:Cluster", "eks").inputs;
    assert.equal(c.endpointPublicAccess, true);
    assert.deepEqual(c.publicAccessCidrs, ["198.51.100.7/32"]);
  });
});

describe("cluster config validation", () => {
  const project = projectName();
  function problems(stack: string, overrides: Record<string, string | undefined>): string[] {
    const raw: Record<string, string | undefined> = { ...readStackConfig(stack) };
    for (const [k, v] of Object.entries(overrides)) {
      if (v === undefined) delete raw[`${project}:${k}`];
      else raw[`${project}:${k}`] = v;
    }
    try {
      loadConfig(project, stack, raw);
    } catch (e) {
      assert.ok(e instanceof ConfigError);
      assert.match(e.message, new RegExp(`stack "${stack}"`));
      return e.problems;
    }
    return [];
  }
  const cluster = (o: unknown) => JSON.stringify(o);

  it("accepts all three stack files as they are", () => {
    for (const stack of STACKS) assert.deepEqual(problems(stack, {}), []);
  });

  it("rejects a public endpoint in prod, with or without an allow-list (the environment's requirement)", () => {
    for (const publicAccessCidrs of [[], ["198.51.100.7/32"]]) {
      const found = problems("prod", { cluster: cluster({ endpointPublicAccess: true, publicAccessCidrs }) });
      assert.ok(
        found.some((p) =>
          p.startsWith(
            `config key "b2b-commerce:cluster.endpointPublicAccess" is true; allowed: false in prod (the API endpoint is private`,
          ),
        ),
        found.join("\n"),
      );
    }
    assert.deepEqual(problems("staging", { cluster: cluster({ publicAccessCidrs: ["198.51.100.7/32"] }) }), []);
  });

  it("rejects a public endpoint without an allow-list in prod, naming key, value and the rule", () => {
    const [p, ...rest] = problems("prod", { cluster: cluster({ endpointPublicAccess: true }) });
    assert.equal(rest.length, 1, rest.join("\n"));
    assert.match(
      p,
      /config key "b2b-commerce:cluster\.endpointPublicAccess" is true; allowed: false unless "cluster\.publicAccessCidrs"/,
    );
    assert.match(p, /off in prod without an allow-list/);
  });

  it("rejects 0.0.0.0/0 on the public endpoint", () => {
    const [p] = problems("dev", { cluster: cluster({ publicAccessCidrs: ["0.0.0.0/0"] }) });
    assert.match(
      p,
      /config key "b2b-commerce:cluster\.publicAccessCidrs\[0\]" is "0\.0\.0\.0\/0"; allowed: .*never 0\.0\.0\.0\/0/,
    );
  });

  it("rejects Spot for apps in prod and for the system group anywhere", () => {
    const [p] = problems("prod", { cluster: cluster({ nodeGroups: { apps: { capacityType: "SPOT" } } }) });
    assert.match(p, /"b2b-commerce:cluster\.nodeGroups\.apps\.capacityType" is "SPOT"; allowed: "ON_DEMAND" in this environment/);
    const [q] = problems("dev", { cluster: cluster({ nodeGroups: { system: { capacityType: "SPOT" } } }) });
    assert.match(q, /"b2b-commerce:cluster\.nodeGroups\.system\.capacityType" is "SPOT"; allowed: "ON_DEMAND" \(system add-ons/);
  });

  it("rejects x86 instance types (nodes use the arm64 AMI)", () => {
    const [p] = problems("staging", { cluster: cluster({ nodeGroups: { apps: { instanceTypes: ["m7g.large", "m5.large"] } } }) });
    assert.match(
      p,
      /"b2b-commerce:cluster\.nodeGroups\.apps\.instanceTypes\[1\]" is "m5\.large"; allowed: a Graviton \(arm64\) instance type/,
    );
  });

  it("rejects a desired size outside min..max and a single system node in an HA environment", () => {
    const found = problems("prod", { cluster: cluster({ nodeGroups: { system: { minSize: 1 }, apps: { desiredSize: 50 } } }) });
    assert.ok(
      found.some((p) =>
        /"b2b-commerce:cluster\.nodeGroups\.system\.minSize" is 1; allowed: an integer from 2 \(the prod minimum\) to 100/.test(
          p,
        ),
      ),
      found.join("\n"),
    );
    assert.ok(
      found.some((p) => /"b2b-commerce:cluster\.nodeGroups\.apps\.desiredSize" is 50; allowed: an integer from 3 to 12/.test(p)),
      found.join("\n"),
    );
  });

  it("rejects an unsupported Kubernetes version and a missing admin role", () => {
    const found = problems("staging", { kubernetesVersion: "1.31", clusterAdminRoleArn: undefined });
    assert.ok(found.includes(`config key "b2b-commerce:kubernetesVersion" is "1.31"; allowed: one of "1.35"`), found.join("\n"));
    assert.ok(
      found.some((p) => /"b2b-commerce:clusterAdminRoleArn" is not set; allowed: an IAM role ARN/.test(p)),
      found.join("\n"),
    );
  });

  it("rejects unknown cluster fields and a retention CloudWatch does not accept", () => {
    const found = problems("dev", { cluster: cluster({ logRetention: 7, controlPlaneLogRetentionDays: 10 }) });
    assert.ok(
      found.some((p) => /"b2b-commerce:cluster\.logRetention" is 7; allowed: no such field/.test(p)),
      found.join("\n"),
    );
    assert.ok(
      found.some((p) => /"b2b-commerce:cluster\.controlPlaneLogRetentionDays" is 10; allowed: one of 1, 3/.test(p)),
      found.join("\n"),
    );
  });
});
