/**
 * The golden path's Dockerfile rules, checked on the parsed Dockerfile (npm `dockerfile-ast`, the
 * parser of the Docker language server). No Docker engine or hadolint binary runs here; these are
 * the rules the platform relies on, each with the reason:
 *
 *   npm run lint:dockerfile -- templates/node-service/Dockerfile
 */
import * as fs from "node:fs";
import { DockerfileParser } from "dockerfile-ast";

export interface DockerfileProblem {
  /** 1-based line. */
  line: number;
  rule: string;
  message: string;
}

const DIGEST = /^sha256:[a-f0-9]{64}$/;
/** Final-stage bases without a shell or package manager. */
const SHELL_FREE_BASE = /^(gcr\.io\/distroless\/|cgr\.dev\/chainguard\/|scratch(@|:|$))/;
const SECRET_NAME = /(PASSWORD|SECRET|TOKEN|API_KEY|PRIVATE_KEY)/i;

export function lintDockerfile(text: string): DockerfileProblem[] {
  const problems: DockerfileProblem[] = [];
  const report = (line: number, rule: string, message: string) => problems.push({ line: line + 1, rule, message });
  const dockerfile = DockerfileParser.parse(text);
  const froms = dockerfile.getFROMs();
  const stages = new Set(froms.map((f) => f.getBuildStage()).filter((s): s is string => !!s));

  if (froms.length < 2) report(0, "multi-stage", "build in one stage and copy the result into a minimal final stage");
  for (const from of froms) {
    const line = from.getRange().start.line;
    const image = from.getImageName() ?? "";
    if (stages.has(image) || image === "scratch") continue;
    if (from.getImageTag() === "latest") report(line, "no-latest", `${image}:latest moves; pin a version tag and digest`);
    const digest = from.getImageDigest();
    if (!digest || !DIGEST.test(digest)) report(line, "pinned-digest", `${from.getImage()} is not pinned by sha256 digest`);
  }
  const final = froms[froms.length - 1];
  if (final && !SHELL_FREE_BASE.test(final.getImage() ?? "")) {
    report(final.getRange().start.line, "no-shell", `final stage ${final.getImageName()} ships a shell; use distroless`);
  }

  const finalStart = final?.getRange().start.line ?? 0;
  const instructions = dockerfile.getInstructions();
  const finalStage = instructions.filter((i) => i.getRange().start.line >= finalStart);
  const users = finalStage.filter((i) => i.getKeyword() === "USER");
  const user = users[users.length - 1]?.getArgumentsContent()?.split(":")[0];
  if (!user) report(finalStart, "non-root-user", "the final stage sets no USER: it runs as root");
  else if (!/^\d+$/.test(user))
    report(
      users[users.length - 1].getRange().start.line,
      "non-root-user",
      `USER ${user} is not numeric: the kubelet cannot verify runAsNonRoot`,
    );
  else if (Number(user) === 0) report(users[users.length - 1].getRange().start.line, "non-root-user", "USER 0 is root");

  for (const i of instructions) {
    const line = i.getRange().start.line;
    const keyword = i.getKeyword();
    const args = i.getArgumentsContent() ?? "";
    if (keyword === "CMD" || keyword === "ENTRYPOINT") {
      if (!args.trim().startsWith("[")) report(line, "exec-form", `${keyword} in shell form: signals do not reach the process`);
    }
    if (keyword === "HEALTHCHECK") report(line, "no-healthcheck", "Kubernetes ignores HEALTHCHECK; use the pod's probes");
    if (keyword === "ADD" && /https?:\/\//.test(args))
      report(line, "no-remote-add", "ADD of a URL is unverified; download with a checksum");
    if ((keyword === "ENV" || keyword === "ARG") && SECRET_NAME.test(args.split(/[= ]/)[0] ?? "")) {
      report(
        line,
        "no-secret-in-image",
        `${keyword} ${args.split(/[= ]/)[0]} puts a secret into the image; mount it at build or run time`,
      );
    }
  }
  const installs = instructions.filter(
    (i) => i.getKeyword() === "RUN" && /\bnpm (ci|install)\b/.test(i.getArgumentsContent() ?? ""),
  );
  if (!installs.some((i) => /npm ci\b.*--omit=dev/.test(i.getArgumentsContent() ?? ""))) {
    report(0, "production-dependencies", "no `npm ci --omit=dev`: the runtime would carry dev dependencies");
  }
  if (installs.some((i) => /\bnpm install\b/.test(i.getArgumentsContent() ?? ""))) {
    report(installs[0].getRange().start.line, "lockfile-install", "npm install ignores the lockfile's exact tree; use npm ci");
  }
  return problems;
}

if (require.main === module) {
  let failed = false;
  for (const file of process.argv.slice(2)) {
    for (const p of lintDockerfile(fs.readFileSync(file, "utf8"))) {
      failed = true;
      console.error(`${file}:${p.line} ${p.rule}: ${p.message}`);
    }
  }
  process.exit(failed ? 1 : 0);
}
