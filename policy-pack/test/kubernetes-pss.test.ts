/** Pod Security Standards (baseline and restricted) beyond the original set, and Kyverno best-practice rules for Services and tokens. */
import { podDisallowHostPorts } from "../policies/kubernetes/pod-disallow-host-ports";
import { podDisallowHostProcess } from "../policies/kubernetes/pod-disallow-host-process";
import { podDisallowProcMount } from "../policies/kubernetes/pod-disallow-proc-mount";
import { podDisallowRootUser } from "../policies/kubernetes/pod-disallow-root-user";
import { podRequireNoServiceAccountToken } from "../policies/kubernetes/pod-require-no-service-account-token";
import { podRequireSeccompProfile } from "../policies/kubernetes/pod-require-seccomp-profile";
import { podRestrictAddedCapabilities } from "../policies/kubernetes/pod-restrict-added-capabilities";
import { podRestrictApparmorProfile } from "../policies/kubernetes/pod-restrict-apparmor-profile";
import { podRestrictSelinuxOptions } from "../policies/kubernetes/pod-restrict-selinux-options";
import { podRestrictSysctls } from "../policies/kubernetes/pod-restrict-sysctls";
import { podRestrictVolumeTypes } from "../policies/kubernetes/pod-restrict-volume-types";
import { serviceDisallowExternalIps } from "../policies/kubernetes/service-disallow-external-ips";
import { serviceDisallowNodePort } from "../policies/kubernetes/service-disallow-node-port";
import { UNKNOWN_STRING } from "../lib/props";
import { analyze, assertEqual, describePolicy } from "./helpers";

describe("policy-pack kubernetes-pss", () => {
  describePolicy({
    policy: podRequireSeccompProfile,
    type: "kubernetes:apps/v1:Deployment",
    compliant: {
      metadata: { name: "storefront", namespace: "storefront" },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: "storefront" } },
        template: {
          metadata: { labels: { app: "storefront" } },
          spec: {
            automountServiceAccountToken: false,
            securityContext: {
              runAsNonRoot: true,
              runAsUser: 10001,
              seccompProfile: { type: "RuntimeDefault" },
              sysctls: [{ name: "net.ipv4.ip_unprivileged_port_start", value: "0" }],
            },
            containers: [
              {
                name: "app",
                image: "123456789012.dkr.ecr.eu-central-1.amazonaws.com/storefront:1.4.2",
                ports: [{ containerPort: 8080 }],
                securityContext: {
                  allowPrivilegeEscalation: false,
                  readOnlyRootFilesystem: true,
                  capabilities: { drop: ["ALL"], add: ["NET_BIND_SERVICE"] },
                  appArmorProfile: { type: "RuntimeDefault" },
                },
                resources: { requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "1", memory: "512Mi" } },
              },
            ],
            volumes: [
              { name: "tmp", emptyDir: {} },
              { name: "config", configMap: { name: "storefront" } },
              { name: "data", persistentVolumeClaim: { claimName: "data" } },
            ],
          },
        },
      },
    },
    alsoCompliant: [
      {
        name: "set per container",
        change: (p) => (
          delete p.spec.template.spec.securityContext.seccompProfile,
          (p.spec.template.spec.containers[0].securityContext.seccompProfile = { type: "Localhost", localhostProfile: "p.json" })
        ),
      },
    ],
    violations: [
      { name: "none", change: (p) => delete p.spec.template.spec.securityContext.seccompProfile, expect: "no seccomp profile" },
      {
        name: "unconfined container",
        change: (p) => (p.spec.template.spec.containers[0].securityContext.seccompProfile = { type: "Unconfined" }),
        expect: "seccompProfile.type is Unconfined",
      },
    ],
    unknown: ["spec.template.spec.securityContext.seccompProfile.type", "spec.template.spec"],
  });

  describePolicy({
    policy: podRestrictApparmorProfile,
    type: "kubernetes:apps/v1:Deployment",
    compliant: {
      metadata: { name: "storefront", namespace: "storefront" },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: "storefront" } },
        template: {
          metadata: { labels: { app: "storefront" } },
          spec: {
            automountServiceAccountToken: false,
            securityContext: {
              runAsNonRoot: true,
              runAsUser: 10001,
              seccompProfile: { type: "RuntimeDefault" },
              sysctls: [{ name: "net.ipv4.ip_unprivileged_port_start", value: "0" }],
            },
            containers: [
              {
                name: "app",
                image: "123456789012.dkr.ecr.eu-central-1.amazonaws.com/storefront:1.4.2",
                ports: [{ containerPort: 8080 }],
                securityContext: {
                  allowPrivilegeEscalation: false,
                  readOnlyRootFilesystem: true,
                  capabilities: { drop: ["ALL"], add: ["NET_BIND_SERVICE"] },
                  appArmorProfile: { type: "RuntimeDefault" },
                },
                resources: { requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "1", memory: "512Mi" } },
              },
            ],
            volumes: [
              { name: "tmp", emptyDir: {} },
              { name: "config", configMap: { name: "storefront" } },
              { name: "data", persistentVolumeClaim: { claimName: "data" } },
            ],
          },
        },
      },
    },
    violations: [
      {
        name: "unconfined field",
        change: (p) => (p.spec.template.spec.containers[0].securityContext.appArmorProfile = { type: "Unconfined" }),
        expect: "appArmorProfile.type is Unconfined",
      },
      {
        name: "unconfined on the pod",
        change: (p) => (
          (p.spec.template.spec.securityContext.appArmorProfile = { type: "Unconfined" }),
          delete p.spec.template.spec.containers[0].securityContext.appArmorProfile
        ),
        expect: "appArmorProfile.type is Unconfined",
      },
      {
        name: "unconfined annotation",
        change: (p) =>
          (p.spec.template.metadata.annotations = { "container.apparmor.security.beta.kubernetes.io/app": "unconfined" }),
        expect:
          "Annotation container.apparmor.security.beta.kubernetes.io/app is unconfined. Use runtime/default or localhost/<profile>.",
      },
      {
        name: "an empty annotation value",
        change: (p) => (p.spec.template.metadata.annotations = { "container.apparmor.security.beta.kubernetes.io/app": "" }),
        expect: "/app is . Use runtime/default",
      },
      {
        name: "a profile name that only contains localhost/",
        change: (p) =>
          (p.spec.template.metadata.annotations = {
            "container.apparmor.security.beta.kubernetes.io/app": "x-localhost/k8s-app",
          }),
        expect: "/app is x-localhost/k8s-app.",
      },
      {
        name: "the annotation with a numeric value",
        change: (p) => (p.spec.template.metadata.annotations = { "container.apparmor.security.beta.kubernetes.io/app": 1 }),
        expect: "/app is 1.",
      },
      {
        name: "a Localhost type spelt in lower case",
        change: (p) => (p.spec.template.spec.containers[0].securityContext.appArmorProfile = { type: "localhost" }),
        expect: "appArmorProfile.type is localhost. Use RuntimeDefault or Localhost.",
      },
    ],
    alsoCompliant: [
      {
        name: "no profile (runtime default)",
        change: (p) => delete p.spec.template.spec.containers[0].securityContext.appArmorProfile,
      },
      {
        name: "a localhost annotation",
        change: (p) =>
          (p.spec.template.metadata.annotations = { "container.apparmor.security.beta.kubernetes.io/app": "localhost/k8s-app" }),
      },
      {
        name: "a runtime/default annotation next to unrelated annotations",
        change: (p) =>
          (p.spec.template.metadata.annotations = {
            "prometheus.io/scrape": "unconfined",
            "container.apparmor.security.beta.kubernetes.io/app": "runtime/default",
          }),
      },
      {
        name: "a Localhost profile field",
        change: (p) =>
          (p.spec.template.spec.containers[0].securityContext.appArmorProfile = {
            type: "Localhost",
            localhostProfile: "k8s-app",
          }),
      },
    ],
    unknown: [
      "spec.template.metadata",
      "spec.template.metadata.annotations",
      "spec.template.spec.containers.0.securityContext.appArmorProfile.type",
    ],
  });
  it("kubernetes-pod-restrict-apparmor-profile cannot decide at preview while an AppArmor annotation is unknown", async () => {
    const r = await analyze(podRestrictApparmorProfile, {
      type: "kubernetes:core/v1:Pod",
      props: {
        metadata: {
          annotations: { "container.apparmor.security.beta.kubernetes.io/app": UNKNOWN_STRING, other: UNKNOWN_STRING },
        },
        spec: { containers: [{ name: "app", image: "x" }] },
      },
    });
    assertEqual([r.violations, r.cannotRunAtPreview], [[], true], "preview advisory");
  });

  describePolicy({
    policy: podRestrictSysctls,
    type: "kubernetes:apps/v1:Deployment",
    compliant: {
      metadata: { name: "storefront", namespace: "storefront" },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: "storefront" } },
        template: {
          metadata: { labels: { app: "storefront" } },
          spec: {
            automountServiceAccountToken: false,
            securityContext: {
              runAsNonRoot: true,
              runAsUser: 10001,
              seccompProfile: { type: "RuntimeDefault" },
              sysctls: [{ name: "net.ipv4.ip_unprivileged_port_start", value: "0" }],
            },
            containers: [
              {
                name: "app",
                image: "123456789012.dkr.ecr.eu-central-1.amazonaws.com/storefront:1.4.2",
                ports: [{ containerPort: 8080 }],
                securityContext: {
                  allowPrivilegeEscalation: false,
                  readOnlyRootFilesystem: true,
                  capabilities: { drop: ["ALL"], add: ["NET_BIND_SERVICE"] },
                  appArmorProfile: { type: "RuntimeDefault" },
                },
                resources: { requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "1", memory: "512Mi" } },
              },
            ],
            volumes: [
              { name: "tmp", emptyDir: {} },
              { name: "config", configMap: { name: "storefront" } },
              { name: "data", persistentVolumeClaim: { claimName: "data" } },
            ],
          },
        },
      },
    },
    alsoCompliant: [{ name: "none", change: (p) => delete p.spec.template.spec.securityContext.sysctls }],
    violations: [
      {
        name: "an unsafe sysctl",
        change: (p) => p.spec.template.spec.securityContext.sysctls.push({ name: "kernel.msgmax", value: "65536" }),
        expect: "sysctl kernel.msgmax is not in the safe set",
      },
    ],
    unknown: ["spec.template.spec.securityContext.sysctls", "spec.template.spec.securityContext.sysctls.0.name"],
  });

  describePolicy({
    policy: podDisallowProcMount,
    type: "kubernetes:apps/v1:Deployment",
    compliant: {
      metadata: { name: "storefront", namespace: "storefront" },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: "storefront" } },
        template: {
          metadata: { labels: { app: "storefront" } },
          spec: {
            automountServiceAccountToken: false,
            securityContext: {
              runAsNonRoot: true,
              runAsUser: 10001,
              seccompProfile: { type: "RuntimeDefault" },
              sysctls: [{ name: "net.ipv4.ip_unprivileged_port_start", value: "0" }],
            },
            containers: [
              {
                name: "app",
                image: "123456789012.dkr.ecr.eu-central-1.amazonaws.com/storefront:1.4.2",
                ports: [{ containerPort: 8080 }],
                securityContext: {
                  allowPrivilegeEscalation: false,
                  readOnlyRootFilesystem: true,
                  capabilities: { drop: ["ALL"], add: ["NET_BIND_SERVICE"] },
                  appArmorProfile: { type: "RuntimeDefault" },
                },
                resources: { requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "1", memory: "512Mi" } },
              },
            ],
            volumes: [
              { name: "tmp", emptyDir: {} },
              { name: "config", configMap: { name: "storefront" } },
              { name: "data", persistentVolumeClaim: { claimName: "data" } },
            ],
          },
        },
      },
    },
    alsoCompliant: [
      { name: "Default", change: (p) => (p.spec.template.spec.containers[0].securityContext.procMount = "Default") },
    ],
    violations: [
      {
        name: "Unmasked",
        change: (p) => (p.spec.template.spec.containers[0].securityContext.procMount = "Unmasked"),
        expect: "procMount is Unmasked",
      },
    ],
    unknown: ["spec.template.spec.containers.0.securityContext.procMount"],
  });

  describePolicy({
    policy: podRestrictVolumeTypes,
    type: "kubernetes:apps/v1:Deployment",
    compliant: {
      metadata: { name: "storefront", namespace: "storefront" },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: "storefront" } },
        template: {
          metadata: { labels: { app: "storefront" } },
          spec: {
            automountServiceAccountToken: false,
            securityContext: {
              runAsNonRoot: true,
              runAsUser: 10001,
              seccompProfile: { type: "RuntimeDefault" },
              sysctls: [{ name: "net.ipv4.ip_unprivileged_port_start", value: "0" }],
            },
            containers: [
              {
                name: "app",
                image: "123456789012.dkr.ecr.eu-central-1.amazonaws.com/storefront:1.4.2",
                ports: [{ containerPort: 8080 }],
                securityContext: {
                  allowPrivilegeEscalation: false,
                  readOnlyRootFilesystem: true,
                  capabilities: { drop: ["ALL"], add: ["NET_BIND_SERVICE"] },
                  appArmorProfile: { type: "RuntimeDefault" },
                },
                resources: { requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "1", memory: "512Mi" } },
              },
            ],
            volumes: [
              { name: "tmp", emptyDir: {} },
              { name: "config", configMap: { name: "storefront" } },
              { name: "data", persistentVolumeClaim: { claimName: "data" } },
            ],
          },
        },
      },
    },
    violations: [
      {
        name: "hostPath",
        change: (p) => p.spec.template.spec.volumes.push({ name: "host", hostPath: { path: "/var/run" } }),
        expect: "Volume host is of type hostPath",
      },
      {
        name: "nfs",
        change: (p) => p.spec.template.spec.volumes.push({ name: "share", nfs: { server: "10.0.0.5", path: "/" } }),
        expect: "of type nfs",
      },
    ],
    unknown: ["spec.template.spec.volumes", "spec.template"],
  });

  describePolicy({
    policy: podDisallowHostPorts,
    type: "kubernetes:apps/v1:Deployment",
    compliant: {
      metadata: { name: "storefront", namespace: "storefront" },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: "storefront" } },
        template: {
          metadata: { labels: { app: "storefront" } },
          spec: {
            automountServiceAccountToken: false,
            securityContext: {
              runAsNonRoot: true,
              runAsUser: 10001,
              seccompProfile: { type: "RuntimeDefault" },
              sysctls: [{ name: "net.ipv4.ip_unprivileged_port_start", value: "0" }],
            },
            containers: [
              {
                name: "app",
                image: "123456789012.dkr.ecr.eu-central-1.amazonaws.com/storefront:1.4.2",
                ports: [{ containerPort: 8080 }],
                securityContext: {
                  allowPrivilegeEscalation: false,
                  readOnlyRootFilesystem: true,
                  capabilities: { drop: ["ALL"], add: ["NET_BIND_SERVICE"] },
                  appArmorProfile: { type: "RuntimeDefault" },
                },
                resources: { requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "1", memory: "512Mi" } },
              },
            ],
            volumes: [
              { name: "tmp", emptyDir: {} },
              { name: "config", configMap: { name: "storefront" } },
              { name: "data", persistentVolumeClaim: { claimName: "data" } },
            ],
          },
        },
      },
    },
    alsoCompliant: [{ name: "hostPort 0", change: (p) => (p.spec.template.spec.containers[0].ports[0].hostPort = 0) }],
    violations: [
      {
        name: "a host port",
        change: (p) => (p.spec.template.spec.containers[0].ports[0].hostPort = 8080),
        expect: "hostPort 8080 is bound",
      },
    ],
    unknown: ["spec.template.spec.containers.0.ports", "spec.template.spec.containers.0.ports.0.hostPort"],
  });

  describePolicy({
    policy: podRestrictSelinuxOptions,
    type: "kubernetes:apps/v1:Deployment",
    compliant: {
      metadata: { name: "storefront", namespace: "storefront" },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: "storefront" } },
        template: {
          metadata: { labels: { app: "storefront" } },
          spec: {
            automountServiceAccountToken: false,
            securityContext: {
              runAsNonRoot: true,
              runAsUser: 10001,
              seccompProfile: { type: "RuntimeDefault" },
              sysctls: [{ name: "net.ipv4.ip_unprivileged_port_start", value: "0" }],
            },
            containers: [
              {
                name: "app",
                image: "123456789012.dkr.ecr.eu-central-1.amazonaws.com/storefront:1.4.2",
                ports: [{ containerPort: 8080 }],
                securityContext: {
                  allowPrivilegeEscalation: false,
                  readOnlyRootFilesystem: true,
                  capabilities: { drop: ["ALL"], add: ["NET_BIND_SERVICE"] },
                  appArmorProfile: { type: "RuntimeDefault" },
                },
                resources: { requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "1", memory: "512Mi" } },
              },
            ],
            volumes: [
              { name: "tmp", emptyDir: {} },
              { name: "config", configMap: { name: "storefront" } },
              { name: "data", persistentVolumeClaim: { claimName: "data" } },
            ],
          },
        },
      },
    },
    alsoCompliant: [
      {
        name: "an allowed type",
        change: (p) =>
          (p.spec.template.spec.containers[0].securityContext.seLinuxOptions = { type: "container_init_t", level: "s0:c1,c2" }),
      },
      {
        name: "a level only",
        change: (p) => (p.spec.template.spec.containers[0].securityContext.seLinuxOptions = { level: "s0:c1,c2" }),
      },
      {
        name: "an empty type",
        change: (p) => (p.spec.template.spec.containers[0].securityContext.seLinuxOptions = { type: "" }),
      },
      { name: "a null seLinuxOptions", change: (p) => (p.spec.template.spec.securityContext.seLinuxOptions = null) },
    ],
    violations: [
      {
        name: "a user",
        change: (p) => (p.spec.template.spec.containers[0].securityContext.seLinuxOptions = { user: "system_u" }),
        expect: "sets user or role",
      },
      {
        name: "spc_t on the pod",
        change: (p) => (p.spec.template.spec.securityContext.seLinuxOptions = { type: "spc_t" }),
        expect: "seLinuxOptions.type is spc_t. Use container_t, container_init_t, container_kvm_t, container_engine_t.",
      },
      {
        name: "a role only",
        change: (p) => (p.spec.template.spec.containers[0].securityContext.seLinuxOptions = { role: "sysadm_r" }),
        expect: "seLinuxOptions sets user or role. Remove them.",
      },
      {
        name: "a type that only starts with an allowed one",
        change: (p) => (p.spec.template.spec.containers[0].securityContext.seLinuxOptions = { type: "container_tx" }),
        expect: "seLinuxOptions.type is container_tx.",
      },
    ],
    unknown: [
      "spec.template",
      "spec.template.spec.securityContext.seLinuxOptions",
      "spec.template.spec.containers.0.securityContext.seLinuxOptions",
    ],
  });

  describePolicy({
    policy: podRestrictAddedCapabilities,
    type: "kubernetes:apps/v1:Deployment",
    compliant: {
      metadata: { name: "storefront", namespace: "storefront" },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: "storefront" } },
        template: {
          metadata: { labels: { app: "storefront" } },
          spec: {
            automountServiceAccountToken: false,
            securityContext: {
              runAsNonRoot: true,
              runAsUser: 10001,
              seccompProfile: { type: "RuntimeDefault" },
              sysctls: [{ name: "net.ipv4.ip_unprivileged_port_start", value: "0" }],
            },
            containers: [
              {
                name: "app",
                image: "123456789012.dkr.ecr.eu-central-1.amazonaws.com/storefront:1.4.2",
                ports: [{ containerPort: 8080 }],
                securityContext: {
                  allowPrivilegeEscalation: false,
                  readOnlyRootFilesystem: true,
                  capabilities: { drop: ["ALL"], add: ["NET_BIND_SERVICE"] },
                  appArmorProfile: { type: "RuntimeDefault" },
                },
                resources: { requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "1", memory: "512Mi" } },
              },
            ],
            volumes: [
              { name: "tmp", emptyDir: {} },
              { name: "config", configMap: { name: "storefront" } },
              { name: "data", persistentVolumeClaim: { claimName: "data" } },
            ],
          },
        },
      },
    },
    violations: [
      {
        name: "NET_ADMIN",
        change: (p) => p.spec.template.spec.containers[0].securityContext.capabilities.add.push("NET_ADMIN"),
        expect: "adds capabilities NET_ADMIN",
      },
      {
        name: "SYS_ADMIN with prefix",
        change: (p) => (p.spec.template.spec.containers[0].securityContext.capabilities.add = ["CAP_SYS_ADMIN"]),
        expect: "CAP_SYS_ADMIN",
      },
    ],
    unknown: ["spec.template.spec.containers.0.securityContext.capabilities.add"],
  });

  describePolicy({
    policy: podDisallowHostProcess,
    type: "kubernetes:apps/v1:Deployment",
    compliant: {
      metadata: { name: "storefront", namespace: "storefront" },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: "storefront" } },
        template: {
          metadata: { labels: { app: "storefront" } },
          spec: {
            automountServiceAccountToken: false,
            securityContext: {
              runAsNonRoot: true,
              runAsUser: 10001,
              seccompProfile: { type: "RuntimeDefault" },
              sysctls: [{ name: "net.ipv4.ip_unprivileged_port_start", value: "0" }],
            },
            containers: [
              {
                name: "app",
                image: "123456789012.dkr.ecr.eu-central-1.amazonaws.com/storefront:1.4.2",
                ports: [{ containerPort: 8080 }],
                securityContext: {
                  allowPrivilegeEscalation: false,
                  readOnlyRootFilesystem: true,
                  capabilities: { drop: ["ALL"], add: ["NET_BIND_SERVICE"] },
                  appArmorProfile: { type: "RuntimeDefault" },
                },
                resources: { requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "1", memory: "512Mi" } },
              },
            ],
            volumes: [
              { name: "tmp", emptyDir: {} },
              { name: "config", configMap: { name: "storefront" } },
              { name: "data", persistentVolumeClaim: { claimName: "data" } },
            ],
          },
        },
      },
    },
    violations: [
      {
        name: "on the container",
        change: (p) => (p.spec.template.spec.containers[0].securityContext.windowsOptions = { hostProcess: true }),
        expect: "HostProcess",
      },
      {
        name: "on the pod",
        change: (p) => (p.spec.template.spec.securityContext.windowsOptions = { hostProcess: true }),
        expect: "HostProcess",
      },
    ],
    unknown: ["spec.template.spec.containers.0.securityContext.windowsOptions.hostProcess"],
  });

  describePolicy({
    policy: podDisallowRootUser,
    type: "kubernetes:apps/v1:Deployment",
    compliant: {
      metadata: { name: "storefront", namespace: "storefront" },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: "storefront" } },
        template: {
          metadata: { labels: { app: "storefront" } },
          spec: {
            automountServiceAccountToken: false,
            securityContext: {
              runAsNonRoot: true,
              runAsUser: 10001,
              seccompProfile: { type: "RuntimeDefault" },
              sysctls: [{ name: "net.ipv4.ip_unprivileged_port_start", value: "0" }],
            },
            containers: [
              {
                name: "app",
                image: "123456789012.dkr.ecr.eu-central-1.amazonaws.com/storefront:1.4.2",
                ports: [{ containerPort: 8080 }],
                securityContext: {
                  allowPrivilegeEscalation: false,
                  readOnlyRootFilesystem: true,
                  capabilities: { drop: ["ALL"], add: ["NET_BIND_SERVICE"] },
                  appArmorProfile: { type: "RuntimeDefault" },
                },
                resources: { requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "1", memory: "512Mi" } },
              },
            ],
            volumes: [
              { name: "tmp", emptyDir: {} },
              { name: "config", configMap: { name: "storefront" } },
              { name: "data", persistentVolumeClaim: { claimName: "data" } },
            ],
          },
        },
      },
    },
    alsoCompliant: [{ name: "unset with runAsNonRoot", change: (p) => delete p.spec.template.spec.securityContext.runAsUser }],
    violations: [
      {
        name: "root container",
        change: (p) => (p.spec.template.spec.containers[0].securityContext.runAsUser = 0),
        expect: "runAsUser is 0",
      },
      { name: "root pod", change: (p) => (p.spec.template.spec.securityContext.runAsUser = 0), expect: "runAsUser is 0" },
    ],
    unknown: ["spec.template.spec.securityContext.runAsUser"],
  });

  describePolicy({
    policy: podRequireNoServiceAccountToken,
    type: "kubernetes:apps/v1:Deployment",
    compliant: {
      metadata: { name: "storefront", namespace: "storefront" },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: "storefront" } },
        template: {
          metadata: { labels: { app: "storefront" } },
          spec: {
            automountServiceAccountToken: false,
            securityContext: {
              runAsNonRoot: true,
              runAsUser: 10001,
              seccompProfile: { type: "RuntimeDefault" },
              sysctls: [{ name: "net.ipv4.ip_unprivileged_port_start", value: "0" }],
            },
            containers: [
              {
                name: "app",
                image: "123456789012.dkr.ecr.eu-central-1.amazonaws.com/storefront:1.4.2",
                ports: [{ containerPort: 8080 }],
                securityContext: {
                  allowPrivilegeEscalation: false,
                  readOnlyRootFilesystem: true,
                  capabilities: { drop: ["ALL"], add: ["NET_BIND_SERVICE"] },
                  appArmorProfile: { type: "RuntimeDefault" },
                },
                resources: { requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "1", memory: "512Mi" } },
              },
            ],
            volumes: [
              { name: "tmp", emptyDir: {} },
              { name: "config", configMap: { name: "storefront" } },
              { name: "data", persistentVolumeClaim: { claimName: "data" } },
            ],
          },
        },
      },
    },
    alsoCompliant: [
      {
        name: "a listed API client",
        change: (p) => delete p.spec.template.spec.automountServiceAccountToken,
        config: { apiClients: ["storefront"] },
      },
      { name: "false as a string", change: (p) => (p.spec.template.spec.automountServiceAccountToken = "false") },
    ],
    violations: [
      {
        name: "token mounted",
        change: (p) => delete p.spec.template.spec.automountServiceAccountToken,
        expect: "automountServiceAccountToken is not false",
      },
      {
        name: "the token left on (true as a string) for a workload not in apiClients",
        change: (p) => (p.spec.template.spec.automountServiceAccountToken = "true"),
        config: { apiClients: ["other"] },
        expect:
          "spec.template.spec.automountServiceAccountToken is not false: every container gets an API token. Set it to false, or list the workload in apiClients.",
      },
    ],
    unknown: ["spec.template.spec.automountServiceAccountToken", "spec.template"],
  });

  describePolicy({
    policy: serviceDisallowNodePort,
    type: "kubernetes:core/v1:Service",
    compliant: {
      metadata: { name: "storefront", namespace: "storefront" },
      spec: { type: "ClusterIP", selector: { app: "storefront" }, ports: [{ port: 80, targetPort: 8080 }] },
    },
    violations: [{ name: "NodePort", change: (p) => (p.spec.type = "NodePort"), expect: "spec.type is NodePort" }],
    unknown: ["spec.type"],
  });

  describePolicy({
    policy: serviceDisallowExternalIps,
    type: "kubernetes:core/v1:Service",
    compliant: {
      metadata: { name: "storefront", namespace: "storefront" },
      spec: { type: "ClusterIP", selector: { app: "storefront" }, ports: [{ port: 80, targetPort: 8080 }] },
    },
    violations: [
      {
        name: "external IPs",
        change: (p) => (p.spec.externalIPs = ["203.0.113.10"]),
        expect: 'spec.externalIPs is ["203.0.113.10"]',
      },
    ],
    unknown: ["spec.externalIPs"],
  });
});
