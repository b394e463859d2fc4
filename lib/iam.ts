import * as pulumi from "@pulumi/pulumi";

/**
 * IAM policy documents as plain JSON (not the `getPolicyDocument` invoke), so that their content
 * is visible to unit tests and to the policy pack at preview and offline.
 */
export interface Statement {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Action?: string | string[];
  /** Deny statements only: every action but these (e.g. MFA self-service). */
  NotAction?: string | string[];
  /** One ARN, a list, or a list computed from outputs (e.g. ARNs that embed the account id). */
  Resource?: pulumi.Input<string> | pulumi.Input<string>[] | pulumi.Output<string[]>;
  NotResource?: pulumi.Input<string> | pulumi.Input<string>[];
  Principal?: Record<string, pulumi.Input<string> | pulumi.Input<string>[]> | "*";
  Condition?:
    | Record<string, Record<string, pulumi.Input<string> | pulumi.Input<string>[]>>
    | pulumi.Output<Record<string, Record<string, string | string[]>>>;
}

/** A policy document (version 2012-10-17) rendered to a JSON string output. */
export function policyDocument(statements: Statement[]): pulumi.Output<string> {
  return pulumi.jsonStringify({ Version: "2012-10-17", Statement: statements });
}

/**
 * A trust policy letting one AWS service assume the role, limited to this account with
 * `aws:SourceAccount` (the confused-deputy guard AWS recommends for service principals).
 */
export function serviceTrustPolicy(service: string, accountId: pulumi.Input<string>): pulumi.Output<string> {
  return policyDocument([
    {
      Effect: "Allow",
      Principal: { Service: service },
      Action: "sts:AssumeRole",
      Condition: { StringEquals: { "aws:SourceAccount": accountId } },
    },
  ]);
}
