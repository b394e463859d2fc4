import { resourcePolicy } from "../../lib/policy";
import { isUnknown } from "../../lib/props";

interface Config {
  deprecatedRuntimes: string[];
}

export const lambdaFunctionDisallowDeprecatedRuntime = resourcePolicy<Config>({
  name: "aws-lambda-function-disallow-deprecated-runtime",
  description:
    "Lambda functions run on a runtime AWS still supports (no deprecated Node.js, Python, Java, .NET, Ruby or Go 1.x runtimes).",
  severity: "medium",
  topic: "supply-chain",
  category: "security",
  controls: ["FSBP:Lambda.2"],
  remediationSteps: "Move to a supported runtime (nodejs22.x, python3.13, java21, dotnet8, ruby3.3, provided.al2023).",
  config: {
    deprecatedRuntimes: {
      type: "array",
      items: { type: "string" },
      default: [
        "nodejs",
        "nodejs4.3",
        "nodejs4.3-edge",
        "nodejs6.10",
        "nodejs8.10",
        "nodejs10.x",
        "nodejs12.x",
        "nodejs14.x",
        "nodejs16.x",
        "nodejs18.x",
        "python2.7",
        "python3.6",
        "python3.7",
        "python3.8",
        "java8",
        "dotnetcore1.0",
        "dotnetcore2.0",
        "dotnetcore2.1",
        "dotnetcore3.1",
        "dotnet5.0",
        "dotnet6",
        "ruby2.5",
        "ruby2.7",
        "ruby3.2",
        "go1.x",
        "provided",
      ],
      description: "Runtimes past their AWS deprecation date (Lambda runtimes page).",
    },
  },
  types: ["aws:lambda/function:Function"],
  validate: (r) => {
    const rt = r.props.runtime;
    if (isUnknown(rt)) return r.undecided("runtime", rt);
    if (typeof rt === "string" && r.config.deprecatedRuntimes.includes(rt))
      r.report(`runtime ${rt} is deprecated: it gets no security patches. Move to a supported runtime.`);
  },
});
