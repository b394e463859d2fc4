import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface CertificateArgs {
  /** Names on the certificate: the first is the subject, the rest are SANs. */
  domains: string[];
  /** Route 53 zone that holds the validation records. */
  zoneId: pulumi.Input<string>;
  /** Provider of the certificate: us-east-1 for CloudFront; omitted: the component's (stack-region) provider. */
  provider?: aws.Provider;
  tagName: string;
}

/**
 * An ACM certificate validated through DNS records in the stack's Route 53 zone; returns the
 * validated ARN, which only resolves once ACM has issued it, so listeners and distributions never
 * reference a pending certificate. Validation records are keyed by domain name (not list position).
 * ACM renews DNS-validated certificates automatically while the records exist.
 */
export function dnsValidatedCertificate(parent: pulumi.Resource, name: string, args: CertificateArgs): pulumi.Output<string> {
  const [domainName, ...sans] = args.domains;
  const certificate = new aws.acm.Certificate(
    name,
    {
      domainName,
      subjectAlternativeNames: sans,
      validationMethod: "DNS",
      // RSA 2048, not ECDSA: B2B integrations (ERP systems calling the API) include old TLS clients.
      keyAlgorithm: "RSA_2048",
      options: { certificateTransparencyLoggingPreference: "ENABLED" },
      tags: { Name: args.tagName },
    },
    // Replacing a certificate that a listener uses fails unless the new one exists first.
    { parent, ...(args.provider ? { provider: args.provider } : {}), deleteBeforeReplace: false },
  );
  const records = args.domains.map((domain) => {
    const option = certificate.domainValidationOptions.apply((opts) => {
      const found = opts.find((o) => o.domainName === domain);
      if (!found) throw new Error(`certificate ${name}: no validation option for ${domain}`);
      return found;
    });
    // Records live in the zone, which is global: the stack-region provider is fine for both certificates.
    return new aws.route53.Record(
      `${name}-validation-${domain}`,
      {
        zoneId: args.zoneId,
        name: option.resourceRecordName,
        type: option.resourceRecordType,
        records: [option.resourceRecordValue],
        ttl: 300,
        // Two certificates for the same name share one validation record.
        allowOverwrite: true,
      },
      { parent },
    );
  });
  const validation = new aws.acm.CertificateValidation(
    `${name}-validation`,
    { certificateArn: certificate.arn, validationRecordFqdns: records.map((r) => r.fqdn) },
    { parent, ...(args.provider ? { provider: args.provider } : {}) },
  );
  return validation.certificateArn;
}
