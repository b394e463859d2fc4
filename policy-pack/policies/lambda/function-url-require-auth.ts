import { requireThat } from "../../lib/checks";
import { resourcePolicy } from "../../lib/policy";

export const lambdaFunctionUrlRequireAuth = resourcePolicy({
  name: "aws-lambda-function-url-require-auth",
  description: "Lambda function URLs require IAM authentication (authorizationType AWS_IAM), never NONE.",
  severity: "critical",
  topic: "exposure",
  category: "security",
  controls: ["FSBP:Lambda.1"],
  remediationSteps: 'Set authorizationType: "AWS_IAM" (front a public endpoint with API Gateway or CloudFront with OAC instead).',
  types: ["aws:lambda/functionUrl:FunctionUrl"],
  validate: (r) => {
    requireThat(
      r,
      "authorizationType",
      (v) => v === "AWS_IAM",
      (v) => `authorizationType is ${String(v)}: anyone on the internet can invoke the function. Use AWS_IAM.`,
    );
  },
});
