import { strict as assert } from "node:assert";
import * as k8s from "@pulumi/kubernetes";
import * as fs from "node:fs";
import * as path from "node:path";
import { Observability } from "../../components/observability";
import { alertmanagerConfig, ALERTMANAGER_CONFIG_SECRET } from "../../components/observability/alertmanager";
import { DASHBOARD_DIR, GRAFANA_ADMIN_SECRET } from "../../components/observability/grafana";
import { ERROR_LOG_PATTERN } from "../../components/observability/logs";
import { AlertRule, RuleGroup } from "../../components/observability/rules";
import { XRAY_WRITE_ACTIONS } from "../../components/observability/tracing";
import {
  AWS_FOR_FLUENT_BIT,
  KUBE_PROMETHEUS_STACK,
  OPENTELEMETRY_COLLECTOR,
  OTEL_COLLECTOR_IMAGE,
  PROMETHEUS_OPERATOR_CRDS,
  PROMETHEUS_OPERATOR_VERSION,
  prometheusCrdUpgradeCommands,
  SYNTHETICS_RUNTIME,
} from "../../components/observability/versions";
import { loadConfig } from "../../infra/config";
import {
  ofType,
  projectName,
  readStackConfig,
  RegisteredResource,
  runStack,
  SECRET_MASK,
  StackRun,
  scopeTo,
} from "../../tools/harness";
import { MOCK_RANDOM_RESULT } from "../../tools/mocks";
import { plaintextLeaks } from "../support/secrets";
import { PAGERDUTY_KEY, SLACK_URL, stackRun, stackRunWith } from "../support/stacks";
import { Naming } from "../../lib/naming";
import { Runbooks } from "../../lib/runbooks";

/* eslint-disable @typescript-eslint/no-explicit-any -- Helm values and policy JSON are untyped */

/** Planted: the receiver secrets (config) and the random provider's result (the Grafana password). */
const PLAINTEXTS = [SLACK_URL, "plaintextSlackToken42", PAGERDUTY_KEY, MOCK_RANDOM_RESULT];

/** What each environment must get (stacks/*.ts and the issue's "Done when"). */
const EXPECTED = {
  dev: { promDays: 7, promGiB: 20, replicas: 1, logDays: 7, sampling: 100, archive: false, canary: false, protect: false },
  staging: { promDays: 15, promGiB: 50, replicas: 1, logDays: 30, sampling: 25, archive: false, canary: true, protect: false },
  prod: { promDays: 30, promGiB: 200, replicas: 2, logDays: 90, sampling: 10, archive: true, canary: true, protect: true },
} as const;

const LOG_NAMESPACES = ["kube-system", "storefront", "api", "workers", "monitoring", "external-secrets"];

/** The panels the issue names, per dashboard file. */
const REQUIRED_PANELS: Record<string, string[]> = {
  "cluster-capacity": [
    "CPU requests vs allocatable",
    "Memory requests vs allocatable",
    "CPU usage by node",
    "Memory usage by node",
  ],
  "service-red": ["Request rate", "Error rate", "Duration p50 / p95 / p99"],
  postgresql: ["CPU utilization", "Database connections", "Freeable memory", "Free storage space", "Read / write latency"],
  "alb-waf": ["ALB requests", "ALB 5xx (target and ELB)", "Target response time p95", "WAF allowed vs blocked requests"],
  "business-kpis": ["Orders per minute", "Checkout latency p95", "Cart conversion"],
};

function release(run: StackRun, name: string): RegisteredResource {
  const r = ofType(run, "kubernetes:helm.sh/v3:Release").find((x) => x.name === name);
  assert.ok(r, `Helm release ${name} exists`);
  return r;
}
const values = (run: StackRun, name: string): any => release(run, name).inputs.values;

function byName(run: StackRun, type: string, name: string): RegisteredResource {
  const r = ofType(run, type).find((x) => x.name === name);
  assert.ok(r, `${type} ${name} exists`);
  return r;
}

/** The statements of the inline policy of role `<name>-role`. */
function rolePolicy(run: StackRun, name: string): any[] {
  return JSON.parse(byName(run, "aws:iam/rolePolicy:RolePolicy", `${name}-policy`).inputs.policy as string).Statement;
}
const actionsOf = (statements: any[]) => statements.flatMap((s) => [s.Action].flat());
const resourcesOf = (statements: any[]) => statements.flatMap((s) => [s.Resource].flat());

function assertResources(obj: any, where: string) {
  for (const kind of ["requests", "limits"]) {
    assert.ok(obj?.[kind]?.cpu && obj?.[kind]?.memory, `${where} sets ${kind}.cpu and ${kind}.memory`);
  }
}

/** The resources of the Observability component (its descendants). */
function insideObservability(run: StackRun): RegisteredResource[] {
  const component = run.resources.find((r) => r.type === "b2b:observability:Observability");
  assert.ok(component, "the Observability component is registered");
  const inside = new Set([component.urn]);
  for (const r of run.resources) if (r.parent && inside.has(r.parent)) inside.add(r.urn);
  return run.resources.filter((r) => inside.has(r.urn) && r !== component);
}

function rulesOf(run: StackRun): AlertRule[] {
  const map = values(run, "kube-prometheus-stack").additionalPrometheusRulesMap as Record<string, { groups: RuleGroup[] }>;
  return Object.values(map)
    .flatMap((m) => m.groups)
    .flatMap((g) => g.rules)
    .filter((r): r is AlertRule => "alert" in r);
}

for (const stack of ["dev", "staging", "prod"] as const) {
  const want = EXPECTED[stack];

  describe(`observability (${stack})`, () => {
    let run: StackRun;
    let topicArn: string;
    before(async () => {
      run = scopeTo(await stackRun(stack), "b2b:observability:Observability");
      topicArn = run.outputs.alertTopicArn as string;
    });

    describe("charts", () => {
      it("pins every Helm release to the chart, version and repository of versions.ts", () => {
        const releases = ofType(run, "kubernetes:helm.sh/v3:Release");
        assert.equal(releases.length, 3);
        const pins = [KUBE_PROMETHEUS_STACK, AWS_FOR_FLUENT_BIT, OPENTELEMETRY_COLLECTOR];
        for (const r of releases) {
          const pin = pins.find((p) => p.chart === r.inputs.chart);
          assert.ok(pin, `${r.name} uses a known chart`);
          assert.match(r.inputs.version as string, /^\d+\.\d+\.\d+$/, `${r.name} pins an exact version`);
          assert.equal(r.inputs.version, pin.version);
          assert.deepEqual(r.inputs.repositoryOpts, { repo: pin.repo });
        }
      });

      it("installs every release in the monitoring namespace through the cluster's Kubernetes provider", () => {
        for (const r of ofType(run, "kubernetes:helm.sh/v3:Release")) {
          assert.equal(r.inputs.namespace, "monitoring");
          assert.match(r.provider ?? "", /pulumi:providers:kubernetes::k8s-workloads$/);
        }
      });

      it("creates every AWS, Kubernetes and random resource through an explicit provider", () => {
        const custom = insideObservability(run).filter((r) => r.custom);
        assert.ok(custom.length > 40);
        for (const r of custom) {
          const pkg = r.type.split(":")[0];
          assert.match(
            r.provider ?? "",
            new RegExp(`pulumi:providers:${pkg}::(aws|k8s-workloads|random)$`),
            `${r.type} ${r.name}`,
          );
        }
      });

      it("automates the CRD upgrade step for the operator version of the pinned chart", () => {
        const commands = prometheusCrdUpgradeCommands();
        assert.equal(commands.length, PROMETHEUS_OPERATOR_CRDS.length);
        for (const c of commands) {
          assert.match(
            c,
            /^kubectl apply --server-side --force-conflicts -f https:\/\/raw\.githubusercontent\.com\/prometheus-operator\//,
          );
          assert.ok(c.includes(`/${PROMETHEUS_OPERATOR_VERSION}/`));
        }
      });
    });

    describe("metrics: Prometheus", () => {
      it(`keeps ${want.promDays} days on a ${want.promGiB} GiB gp3 volume with ${want.replicas} replica(s)`, () => {
        const spec = values(run, "kube-prometheus-stack").prometheus.prometheusSpec;
        assert.equal(spec.retention, `${want.promDays}d`);
        assert.equal(spec.replicas, want.replicas);
        const claim = spec.storageSpec.volumeClaimTemplate.spec;
        assert.equal(claim.resources.requests.storage, `${want.promGiB}Gi`);
        assert.equal(claim.storageClassName, "monitoring-gp3");
        assert.equal(spec.retentionSize, `${Math.floor(want.promGiB * 0.85)}GB`, "size-based retention below the volume size");
      });

      it("stores monitoring volumes on encrypted gp3 with a rotating customer-managed key", () => {
        const sc = byName(run, "kubernetes:storage.k8s.io/v1:StorageClass", "monitoring-gp3");
        const params = sc.inputs.parameters as Record<string, string>;
        assert.equal(params.type, "gp3");
        assert.equal(params.encrypted, "true");
        const key = byName(run, "aws:kms/key:Key", "monitoring-volumes-key");
        assert.equal(key.inputs.enableKeyRotation, true);
        assert.equal(params.kmsKeyId, `arn:aws:kms:eu-central-1:111122223333:key/monitoring-volumes-key-id`);
        assert.equal(sc.inputs.reclaimPolicy, want.protect ? "Retain" : "Delete");
        assert.equal(key.protect, want.protect);
      });

      it("selects every ServiceMonitor, PodMonitor, rule, probe and scrape config, not only the release's", () => {
        const spec = values(run, "kube-prometheus-stack").prometheus.prometheusSpec;
        for (const k of ["serviceMonitor", "podMonitor", "rule", "probe", "scrapeConfig"]) {
          assert.equal(spec[`${k}SelectorNilUsesHelmValues`], false, k);
        }
      });

      it("sets requests and limits on every component of every chart", () => {
        const kps = values(run, "kube-prometheus-stack");
        assertResources(kps.prometheus.prometheusSpec.resources, "prometheus");
        assertResources(kps.alertmanager.alertmanagerSpec.resources, "alertmanager");
        assertResources(kps.prometheusOperator.resources, "prometheus-operator");
        assertResources(kps.prometheusOperator.prometheusConfigReloader.resources, "config-reloader");
        assertResources(kps.prometheusOperator.admissionWebhooks.patch.resources, "admission patch job");
        assertResources(kps.grafana.resources, "grafana");
        assertResources(kps.grafana.sidecar.resources, "grafana sidecar");
        assertResources(kps["kube-state-metrics"].resources, "kube-state-metrics");
        assertResources(kps["prometheus-node-exporter"].resources, "node-exporter");
        assertResources(values(run, "aws-for-fluent-bit").resources, "fluent-bit");
        assertResources(values(run, "otel-collector").resources, "otel-collector");
      });

      it("runs the operator, Grafana, kube-state-metrics and the collector as non-root with a read-only root filesystem", () => {
        const kps = values(run, "kube-prometheus-stack");
        const otel = values(run, "otel-collector");
        for (const [name, pod, container] of [
          ["operator", kps.prometheusOperator.securityContext, kps.prometheusOperator.containerSecurityContext],
          ["grafana", kps.grafana.securityContext, kps.grafana.containerSecurityContext],
          ["kube-state-metrics", kps["kube-state-metrics"].securityContext, kps["kube-state-metrics"].containerSecurityContext],
          ["otel-collector", otel.podSecurityContext, otel.securityContext],
        ]) {
          assert.equal(pod.runAsNonRoot, true, `${name} runAsNonRoot`);
          assert.equal(container.readOnlyRootFilesystem, true, `${name} readOnlyRootFilesystem`);
          assert.equal(container.allowPrivilegeEscalation, false, `${name} allowPrivilegeEscalation`);
          assert.deepEqual(container.capabilities.drop, ["ALL"], `${name} drops ALL`);
        }
      });
    });

    describe("metrics: Grafana", () => {
      it("persists Grafana on a volume and reads the admin password from a Secret, not from the values", () => {
        const g = values(run, "kube-prometheus-stack").grafana;
        assert.equal(g.persistence.enabled, true);
        assert.equal(g.persistence.storageClassName, "monitoring-gp3");
        assert.equal(g.admin.existingSecret, GRAFANA_ADMIN_SECRET);
        assert.equal(g.adminPassword, undefined);
        const secret = byName(run, "kubernetes:core/v1:Secret", "grafana-admin");
        assert.equal(secret.inputs.stringData, SECRET_MASK, "the whole stringData is a secret");
        assert.equal(ofType(run, "random:index/randomPassword:RandomPassword").length, 1);
      });

      it("keeps Grafana off the internet: ClusterIP service, no ingress", () => {
        const g = values(run, "kube-prometheus-stack").grafana;
        assert.equal(g.service.type, "ClusterIP");
        assert.equal(g.ingress.enabled, false);
      });

      it("has Prometheus (chart default) and CloudWatch data sources, CloudWatch through the IRSA role", () => {
        const g = values(run, "kube-prometheus-stack").grafana;
        assert.equal(g.sidecar.datasources.enabled, true);
        const cw = g.additionalDataSources.find((d: any) => d.type === "cloudwatch");
        assert.equal(cw.jsonData.authType, "default");
        assert.equal(cw.jsonData.defaultRegion, "eu-central-1");
        assert.equal(
          g.serviceAccount.annotations["eks.amazonaws.com/role-arn"],
          `arn:aws:iam::111122223333:role/b2b-commerce-${stack}-grafana-irsa`,
        );
      });

      it("loads every dashboard file as a ConfigMap labelled for the Grafana sidecar", () => {
        const files = fs.readdirSync(DASHBOARD_DIR).filter((f) => f.endsWith(".json"));
        assert.equal(files.length, 6);
        for (const file of files) {
          const name = file.replace(/\.json$/, "");
          const cm = byName(run, "kubernetes:core/v1:ConfigMap", `dashboard-${name}`);
          assert.equal((cm.inputs.metadata as any).labels.grafana_dashboard, "1");
          assert.equal((cm.inputs.metadata as any).namespace, "monitoring");
          assert.equal((cm.inputs.data as any)[file], fs.readFileSync(path.join(DASHBOARD_DIR, file), "utf8"));
        }
        assert.equal(values(run, "kube-prometheus-stack").grafana.sidecar.dashboards.label, "grafana_dashboard");
      });
    });

    describe("secrets", () => {
      it("puts no plain-text secret (receiver keys, Grafana password) in any Helm values, ConfigMap or other input", () => {
        const helmAndConfigMaps = JSON.stringify([
          ...ofType(run, "kubernetes:helm.sh/v3:Release"),
          ...ofType(run, "kubernetes:core/v1:ConfigMap"),
        ]);
        for (const plain of PLAINTEXTS) {
          assert.ok(!helmAndConfigMaps.includes(plain), `Helm values and ConfigMaps do not contain ${plain.slice(0, 12)}...`);
        }
        // test/components/secrets.test.ts shows this search finds each of them once leaked.
        assert.deepEqual(plaintextLeaks(run, PLAINTEXTS), []);
      });

      it("gives Alertmanager its whole configuration through a secret Kubernetes Secret named in the values", () => {
        const am = values(run, "kube-prometheus-stack").alertmanager;
        assert.equal(am.alertmanagerSpec.useExistingSecret, true);
        assert.equal(am.alertmanagerSpec.configSecret, ALERTMANAGER_CONFIG_SECRET);
        assert.equal(am.config, undefined, "no receiver configuration in the values");
        const secret = byName(run, "kubernetes:core/v1:Secret", "alertmanager-config");
        assert.equal((secret.inputs.metadata as any).name, ALERTMANAGER_CONFIG_SECRET);
        assert.equal(secret.inputs.stringData, SECRET_MASK, "the whole stringData is a secret");
      });
    });

    describe("alerting", () => {
      it("routes critical alerts to PagerDuty, warnings to Slack and every alert to e-mail", () => {
        assert.deepEqual(run.outputs.alertRoutes, { critical: "pagerduty", warning: "slack", info: "slack", all: "email" });
      });

      it("has SLO burn-rate alerts for API availability and latency at both severities", () => {
        const rules = rulesOf(run);
        for (const slo of ["availability", "latency"]) {
          const burn = rules.filter((r) => r.labels.slo === slo);
          assert.deepEqual([...new Set(burn.map((r) => r.labels.severity))].sort(), ["critical", "warning"]);
          assert.equal(burn.length, 4, "two windows per severity");
          for (const r of burn) assert.match(r.expr, / and /, "multi-window: a long and a short window");
        }
      });

      it("has node, pod, Prometheus and Alertmanager health alerts", () => {
        const names = rulesOf(run).map((r) => r.alert);
        // Nodes not Ready, crash loops and failed notifications are the chart's default rules.
        for (const a of [
          "NodePressure",
          "DeploymentReplicasUnavailable",
          "PrometheusNotIngesting",
          "PrometheusTsdbStorageAlmostFull",
          "AlertmanagerDown",
        ]) {
          assert.ok(names.includes(a), a);
        }
      });

      it("labels every PrometheusRule alert with severity critical or warning", () => {
        const rules = rulesOf(run);
        assert.ok(rules.length >= 14);
        for (const r of rules) assert.ok(["critical", "warning"].includes(r.labels.severity), `${r.alert} has a severity`);
      });

      it("lets Alertmanager publish to the alert topic only (and use its key), bound to its one service account", () => {
        const st = rolePolicy(run, "alertmanager");
        assert.deepEqual(actionsOf(st).sort(), ["kms:Decrypt", "kms:GenerateDataKey*", "sns:Publish"]);
        assert.deepEqual(st.find((s) => s.Action === "sns:Publish").Resource, topicArn);
      });

      it("sends every CloudWatch alarm to the one alert topic on ALARM and on OK, with a severity", () => {
        const alarms = insideObservability(run).filter((r) => r.type === "aws:cloudwatch/metricAlarm:MetricAlarm");
        assert.ok(alarms.length >= 9);
        for (const a of alarms) {
          assert.deepEqual(a.inputs.alarmActions, [topicArn], `${a.name} alarm action`);
          assert.deepEqual(a.inputs.okActions, [topicArn], `${a.name} ok action`);
          assert.ok(["critical", "warning"].includes((a.inputs.tags as any).Severity), `${a.name} severity`);
        }
        assert.equal(ofType(run, "aws:sns/topic:Topic").length, 0, "no topic of its own");
      });

      it("alarms on ALB 5xx and latency and WAF blocked-request spikes", () => {
        const names = ofType(run, "aws:cloudwatch/metricAlarm:MetricAlarm").map((a) => a.name);
        for (const n of ["alb-target-5xx-rate", "alb-elb-5xx", "alb-target-latency-p95", "waf-blocked-spike"]) {
          assert.ok(names.includes(`alarm-${n}`), n);
        }
        const waf = byName(run, "aws:cloudwatch/metricAlarm:MetricAlarm", "alarm-waf-blocked-spike");
        assert.equal(waf.inputs.comparisonOperator, "GreaterThanUpperThreshold");
      });
    });

    describe("logs", () => {
      it(`creates one log group per namespace, ${want.logDays} days, encrypted with a rotating key`, () => {
        const groups = ofType(run, "aws:cloudwatch/logGroup:LogGroup").filter((g) => g.name.startsWith("container-logs-"));
        assert.deepEqual(groups.map((g) => g.name.replace("container-logs-", "")).sort(), [...LOG_NAMESPACES].sort());
        const key = byName(run, "aws:kms/key:Key", "container-logs-key");
        assert.equal(key.inputs.enableKeyRotation, true);
        for (const g of groups) {
          assert.equal(g.inputs.retentionInDays, want.logDays);
          assert.equal(g.inputs.kmsKeyId, "arn:aws:kms:eu-central-1:111122223333:key/container-logs-key-id");
          assert.equal(g.protect, want.protect);
          assert.equal((g.inputs.tags as any).DataClassification, "confidential");
        }
        const policy = JSON.parse(key.inputs.policy as string);
        assert.ok(policy.Statement.some((s: any) => s.Principal?.Service === "logs.eu-central-1.amazonaws.com"));
      });

      it("ships to those groups from Fluent Bit in the stack's region, without creating groups", () => {
        const cwl = values(run, "aws-for-fluent-bit").cloudWatchLogs;
        assert.equal(cwl.region, "eu-central-1");
        assert.equal(cwl.autoCreateGroup, false);
        assert.equal(cwl.logGroupTemplate, `/b2b-commerce/${stack}/containers-$kubernetes['namespace_name']`);
        for (const ns of LOG_NAMESPACES) {
          assert.ok(values(run, "aws-for-fluent-bit").input.path.includes(`*_${ns}_*.log`));
        }
      });

      it("lets Fluent Bit only create streams in and write to the container log groups", () => {
        const st = rolePolicy(run, "fluent-bit");
        assert.deepEqual(actionsOf(st).sort(), ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"]);
        for (const r of resourcesOf(st)) {
          assert.match(
            r,
            new RegExp(`^arn:aws:logs:eu-central-1:111122223333:log-group:/b2b-commerce/${stack}/containers-[a-z-]+(:\\*)?$`),
          );
        }
      });

      it("counts error log events per namespace and alarms on their rate", () => {
        const filters = ofType(run, "aws:cloudwatch/logMetricFilter:LogMetricFilter").filter((f) =>
          f.name.startsWith("error-log-events-"),
        );
        assert.equal(filters.length, LOG_NAMESPACES.length);
        for (const f of filters) assert.equal(f.inputs.pattern, ERROR_LOG_PATTERN);
        for (const ns of LOG_NAMESPACES) byName(run, "aws:cloudwatch/metricAlarm:MetricAlarm", `alarm-log-error-rate-${ns}`);
      });

      if (want.archive) {
        it("archives every container log group to S3 through Firehose", () => {
          const subs = ofType(run, "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter");
          assert.equal(subs.length, LOG_NAMESPACES.length);
          const stream = byName(run, "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", "log-archive");
          assert.equal((stream.inputs.serverSideEncryption as any).keyType, "CUSTOMER_MANAGED_CMK");
          const s3 = stream.inputs.extendedS3Configuration as any;
          assert.equal(s3.bucketArn, `arn:aws:s3:::b2b-commerce-${stack}-log-archive-111122223333-eu-central-1`);
          const put = JSON.parse(
            byName(run, "aws:iam/rolePolicy:RolePolicy", "log-archive-subscription-put").inputs.policy as string,
          );
          assert.deepEqual(actionsOf(put.Statement).sort(), ["firehose:PutRecord", "firehose:PutRecordBatch"]);
        });

        it("keeps the archive bucket private, KMS-encrypted, TLS-only, versioned, protected, with Glacier then expiry", () => {
          const bucket = byName(run, "aws:s3/bucket:Bucket", "log-archive");
          assert.equal(bucket.protect, true);
          assert.equal((bucket.inputs.tags as any).DataClassification, "confidential");
          const pab = byName(
            run,
            "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
            "log-archive-public-access-block",
          ).inputs;
          for (const k of ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"])
            assert.equal(pab[k], true, k);
          const own = byName(run, "aws:s3/bucketOwnershipControls:BucketOwnershipControls", "log-archive-ownership")
            .inputs as any;
          assert.equal(own.rule.objectOwnership, "BucketOwnerEnforced");
          const sse = byName(
            run,
            "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
            "log-archive-encryption",
          ).inputs as any;
          assert.equal(sse.rules[0].applyServerSideEncryptionByDefault.sseAlgorithm, "aws:kms");
          const ver = byName(run, "aws:s3/bucketVersioning:BucketVersioning", "log-archive-versioning").inputs as any;
          assert.equal(ver.versioningConfiguration.status, "Enabled");
          const rule = (
            byName(run, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "log-archive-lifecycle").inputs as any
          ).rules[0];
          assert.deepEqual(rule.transitions, [{ days: 30, storageClass: "GLACIER" }]);
          assert.equal(rule.expiration.days, 2557);
          const policy = JSON.parse(
            byName(run, "aws:s3/bucketPolicy:BucketPolicy", "log-archive-policy").inputs.policy as string,
          );
          const deny = policy.Statement.find((s: any) => s.Effect === "Deny");
          assert.deepEqual(deny.Condition, { Bool: { "aws:SecureTransport": "false" } });
        });
      } else {
        it("does not archive logs to S3", () => {
          assert.equal(ofType(run, "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream").length, 0);
          assert.equal(ofType(run, "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter").length, 0);
        });
      }
    });

    describe("tracing and health", () => {
      it(`runs the contrib collector as a Deployment, OTLP in, X-Ray out, keeping ${want.sampling}% of traces`, () => {
        const v = values(run, "otel-collector");
        assert.equal(v.mode, "deployment");
        assert.equal(v.image.repository, OTEL_COLLECTOR_IMAGE.repository);
        assert.match(v.image.tag, /^\d+\.\d+\.\d+$/);
        const cfg = v.alternateConfig;
        assert.equal(cfg.processors.probabilistic_sampler.sampling_percentage, want.sampling);
        assert.deepEqual(cfg.service.pipelines.traces.receivers, ["otlp"]);
        assert.deepEqual(cfg.service.pipelines.traces.exporters, ["awsxray"]);
        assert.equal(cfg.exporters.awsxray.region, "eu-central-1");
      });

      it("lets the collector only write traces to X-Ray", () => {
        assert.deepEqual(actionsOf(rolePolicy(run, "otel-collector")).sort(), [...XRAY_WRITE_ACTIONS].sort());
      });

      it("lets Grafana only read CloudWatch metrics, alarms and logs", () => {
        for (const a of actionsOf(rolePolicy(run, "grafana"))) {
          assert.match(a, /^(cloudwatch|logs|ec2|tag):(Get|List|Describe|StartQuery|StopQuery)/, a);
        }
      });

      it("binds each IRSA role to exactly one service account of the monitoring namespace, for STS only", () => {
        const sas: Record<string, string> = {
          grafana: "grafana",
          alertmanager: "alertmanager",
          "fluent-bit": "fluent-bit",
          "otel-collector": "otel-collector",
        };
        for (const [role, sa] of Object.entries(sas)) {
          const trust = JSON.parse(byName(run, "aws:iam/role:Role", `${role}-role`).inputs.assumeRolePolicy as string).Statement;
          assert.equal(trust.length, 1);
          const eq = trust[0].Condition.StringEquals;
          const sub = Object.entries(eq).find(([k]) => k.endsWith(":sub"));
          const aud = Object.entries(eq).find(([k]) => k.endsWith(":aud"));
          assert.equal(sub?.[1], `system:serviceaccount:monitoring:${sa}`);
          assert.equal(aud?.[1], "sts.amazonaws.com");
        }
      });

      it("grants no wildcard action and no iam:PassRole in any observability policy", () => {
        const policies = insideObservability(run).filter((r) => r.type === "aws:iam/rolePolicy:RolePolicy");
        assert.ok(policies.length >= 4, "grafana, alertmanager, fluent-bit, otel-collector at least");
        for (const p of policies) {
          for (const a of actionsOf(JSON.parse(p.inputs.policy as string).Statement)) {
            assert.ok(!a.includes("*") || /:(GenerateDataKey|ReEncrypt)\*$/.test(a), `${p.name}: ${a}`);
            assert.notEqual(a, "iam:PassRole");
          }
        }
      });

      if (want.canary) {
        it("checks the public API health URL with a pinned Synthetics canary, alarmed as critical", () => {
          const canary = byName(run, "aws:synthetics/canary:Canary", "api-health");
          assert.equal(canary.inputs.runtimeVersion, SYNTHETICS_RUNTIME);
          assert.equal(
            (canary.inputs.runConfig as any).environmentVariables.HEALTH_URL,
            `https://api.${stack === "prod" ? "" : `${stack}.`}shop.example.com/healthz`,
          );
          assert.equal((canary.inputs.artifactConfig as any).s3Encryption.encryptionMode, "SSE_KMS");
          const a = byName(run, "aws:cloudwatch/metricAlarm:MetricAlarm", "alarm-api-health-canary");
          assert.equal(a.inputs.metricName, "SuccessPercent");
          assert.equal((a.inputs.tags as any).Severity, "critical");
        });
      } else {
        it("runs no canary", () => {
          assert.equal(ofType(run, "aws:synthetics/canary:Canary").length, 0);
        });
      }
    });
  });
}

describe("observability without receiver secrets (staging)", () => {
  let run: StackRun;
  let warnings: string[] = [];
  const requested = stackRunWith("staging", {});
  before(async () => {
    const whole = await requested;
    warnings = whole.warnings;
    run = scopeTo(whole, "b2b:observability:Observability");
  });

  it("still runs, and e-mail is the only route", () => {
    assert.deepEqual(run.outputs.alertRoutes, { info: "null", all: "email" });
    assert.ok(byName(run, "kubernetes:core/v1:Secret", "alertmanager-config"));
  });

  it("warns about each missing receiver secret, and about nothing else (besides the stack file's placeholders)", () => {
    const own = warnings.filter((w) => !w.startsWith("placeholder:"));
    assert.equal(own.length, 2, own.join("\n"));
    assert.ok(warnings.some((w) => w.includes("pagerDutyRoutingKey is not set")));
    assert.ok(warnings.some((w) => w.includes("slackWebhookUrl is not set")));
  });
});

describe("observability without edge and database identifiers (component alone)", () => {
  let run: StackRun;
  before(async () => {
    run = await runStack("dev", {
      program: async () => {
        // The component has no defaults of its own: it gets prod's validated section.
        const obs = new Observability("observability", {
          ...loadConfig(projectName(), "prod", readStackConfig("prod")).observability,
          protect: true,
          naming: new Naming("b2b-commerce", "dev"),
          region: "eu-central-1",
          kubernetesProvider: new k8s.Provider("k8s", { kubeconfig: "{}" }),
          clusterName: "eks",
          oidcProviderArn: "arn:aws:iam::111122223333:oidc-provider/oidc.example/id/X",
          oidcIssuer: "https://oidc.example/id/X",
          namespace: "observability",
          logNamespaces: ["apps"],
          alertTopicArn: "arn:aws:sns:eu-central-1:111122223333:alerts",
          alertTopicKeyArn: "arn:aws:kms:eu-central-1:111122223333:key/alerts",
          runbooks: new Runbooks("https://example.com/b2b-commerce/docs/runbooks"),
        });
        return { routes: obs.alertRoutes };
      },
    });
  });

  it("creates no ALB, WAF or canary alarm, only the log error-rate alarms", () => {
    const names = ofType(run, "aws:cloudwatch/metricAlarm:MetricAlarm").map((a) => a.name);
    assert.deepEqual(names, ["alarm-log-error-rate-apps"]);
    assert.equal(ofType(run, "aws:synthetics/canary:Canary").length, 0);
  });

  it("builds prod's section as given: archive on, 90-day logs, 2 Prometheus replicas, protected", () => {
    assert.equal(ofType(run, "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream").length, 1);
    const group = byName(run, "aws:cloudwatch/logGroup:LogGroup", "container-logs-apps");
    assert.equal(group.inputs.retentionInDays, 90);
    assert.equal(group.protect, true);
    assert.equal(values(run, "kube-prometheus-stack").prometheus.prometheusSpec.replicas, 2);
  });

  it("strips https:// from the issuer in the IRSA trust conditions", () => {
    const trust = JSON.parse(byName(run, "aws:iam/role:Role", "grafana-role").inputs.assumeRolePolicy as string).Statement[0];
    assert.deepEqual(Object.keys(trust.Condition.StringEquals).sort(), ["oidc.example/id/X:aud", "oidc.example/id/X:sub"]);
  });
});

describe("alertmanager configuration", () => {
  const base = { topicArn: "arn:aws:sns:eu-central-1:111122223333:alerts", region: "eu-central-1", slackChannel: "#alerts-prod" };
  const full = alertmanagerConfig({ ...base, slackWebhookUrl: SLACK_URL, pagerDutyRoutingKey: PAGERDUTY_KEY }) as any;

  it("routes critical to PagerDuty, warning to Slack, and every alert to e-mail (continue: true) first", () => {
    const routes = full.route.routes;
    const email = routes.findIndex((r: any) => r.receiver === "email");
    assert.deepEqual(routes[email].matchers, []);
    assert.equal(routes[email].continue, true);
    assert.deepEqual(routes.find((r: any) => r.receiver === "pagerduty").matchers, ['severity="critical"']);
    // Slack gets the chart's info alerts (before e-mail: never e-mailed) and the warnings.
    assert.deepEqual(
      routes.filter((r: any) => r.receiver === "slack").map((r: any) => r.matchers),
      [['severity="info"'], ['severity="warning"']],
    );
    assert.ok(email < routes.findIndex((r: any) => r.receiver === "pagerduty"));
  });

  it("e-mails through the stack's SNS topic with SigV4 (the topic holds the e-mail subscription)", () => {
    const email = full.receivers.find((r: any) => r.name === "email");
    assert.equal(email.sns_configs[0].topic_arn, base.topicArn);
    assert.equal(email.sns_configs[0].sigv4.region, "eu-central-1");
  });

  it("keeps the chart's inhibition: critical mutes warning and info, warning mutes info, InfoInhibitor mutes info", () => {
    assert.deepEqual(full.inhibit_rules, [
      {
        source_matchers: ['severity="critical"'],
        target_matchers: ['severity=~"warning|info"'],
        equal: ["alertname", "namespace"],
      },
      { source_matchers: ['severity="warning"'], target_matchers: ['severity="info"'], equal: ["alertname", "namespace"] },
      { source_matchers: ['alertname="InfoInhibitor"'], target_matchers: ['severity="info"'], equal: ["namespace"] },
    ]);
  });

  it("leaves out the receivers (and routes) whose secret is not set", () => {
    const none = alertmanagerConfig(base) as any;
    assert.deepEqual(none.receivers.map((r: any) => r.name).sort(), ["email", "null"]);
    assert.ok(!none.route.routes.some((r: any) => ["pagerduty", "slack"].includes(r.receiver)));
  });
});

describe("dashboards", () => {
  for (const [name, panels] of Object.entries(REQUIRED_PANELS)) {
    it(`${name}.json parses and has the panels ${panels.join(", ")}`, () => {
      const d = JSON.parse(fs.readFileSync(path.join(DASHBOARD_DIR, `${name}.json`), "utf8"));
      assert.ok(d.uid && d.title);
      const titles = d.panels.map((p: any) => p.title);
      for (const p of panels) assert.ok(titles.includes(p), `${name}: panel "${p}"`);
      for (const p of d.panels) assert.ok(p.targets.length > 0, `${name}: "${p.title}" has a query`);
    });
  }

  it("builds the business KPIs from the application metric names documented for service teams", () => {
    const doc = fs.readFileSync(path.join(__dirname, "../../docs/observability.md"), "utf8");
    const kpis = JSON.stringify(JSON.parse(fs.readFileSync(path.join(DASHBOARD_DIR, "business-kpis.json"), "utf8")));
    for (const metric of [
      "shop_orders_placed_total",
      "shop_checkout_duration_seconds",
      "shop_carts_created_total",
      "shop_carts_converted_total",
    ]) {
      assert.ok(kpis.includes(metric), `dashboard uses ${metric}`);
      assert.ok(doc.includes(metric), `docs list ${metric}`);
    }
  });
});

describe("observability config validation", () => {
  const project = projectName();
  const raw = (stack: string, extra: Record<string, string>) => ({ ...readStackConfig(stack), ...extra });
  const problemsOf = (stack: string, extra: Record<string, string>): string => {
    try {
      loadConfig(project, stack, raw(stack, extra));
    } catch (e) {
      return (e as Error).message;
    }
    return "";
  };

  it("reads the defaults of each environment", () => {
    for (const stack of ["dev", "staging", "prod"] as const) {
      const o = loadConfig(project, stack, raw(stack, {})).observability;
      assert.equal(o.logRetentionDays, EXPECTED[stack].logDays);
      assert.equal(o.prometheusReplicas, EXPECTED[stack].replicas);
      assert.equal(o.traceSamplingPercent, EXPECTED[stack].sampling);
    }
  });

  it("rejects prod log retention under 90 days, naming stack, key, value and what is allowed", () => {
    const msg = problemsOf("prod", { [`${project}:observability`]: JSON.stringify({ logRetentionDays: 30 }) });
    assert.match(msg, /stack "prod"/);
    assert.ok(
      msg.includes(
        `config key "${project}:observability.logRetentionDays" is 30; allowed: one of 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 (at least 90 days, the prod minimum log retention)`,
      ),
      msg,
    );
  });

  it("rejects one Prometheus replica and a disabled log archive in prod", () => {
    const msg = problemsOf("prod", {
      [`${project}:observability`]: JSON.stringify({ prometheusReplicas: 1, logArchive: false }),
    });
    assert.ok(
      msg.includes(`"${project}:observability.prometheusReplicas" is 1; allowed: an integer from 2 (the prod minimum`),
      msg,
    );
    assert.ok(msg.includes(`"${project}:observability.logArchive" is false; allowed: true in prod`));
  });

  it("rejects a retention CloudWatch does not offer and an expiry before Glacier's minimum", () => {
    const msg = problemsOf("dev", {
      [`${project}:observability`]: JSON.stringify({ logRetentionDays: 10, logArchiveGlacierDays: 30, logArchiveExpireDays: 60 }),
    });
    assert.ok(msg.includes(`"${project}:observability.logRetentionDays" is 10; allowed: one of 1, 3, 5, 7`));
    assert.ok(
      msg.includes(`"${project}:observability.logArchiveExpireDays" is 60; allowed: at least logArchiveGlacierDays + 90 = 120`),
    );
  });

  it("rejects unknown fields of the observability key", () => {
    const msg = problemsOf("dev", { [`${project}:observability`]: JSON.stringify({ retention: 5 }) });
    assert.ok(msg.includes(`"${project}:observability.retention" is 5; allowed: no such field`));
  });

  it("rejects a malformed receiver secret without printing it", () => {
    const bad = "http://example.com/not-a-slack-hook-SECRETVALUE";
    const msg = problemsOf("staging", { [`${project}:slackWebhookUrl`]: bad });
    assert.ok(msg.includes(`config key "${project}:slackWebhookUrl" is "[secret]"; allowed: a Slack incoming-webhook URL`));
    assert.ok(!msg.includes("SECRETVALUE"));
  });
});
