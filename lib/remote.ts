import * as pulumi from "@pulumi/pulumi";

/**
 * Options for a remote (multi-language) component created inside one of our components.
 *
 * A remote component receives only the providers listed in its own `providers` option: it does not
 * inherit its parent's `aws` provider the way custom resources do (the SDK sends `providers` for
 * remote registrations and resolves `provider` only for the component's own package, e.g. `awsx`).
 * Without this, the children of `awsx.ec2.Vpc` or `eks.Cluster` would fall back to the default AWS
 * provider, losing the stack's `defaultTags` (and failing with default providers disabled).
 */
export function remoteOptions(parent: pulumi.ComponentResource, packages: string[] = ["aws"]): pulumi.ComponentResourceOptions {
  const providers = packages
    .map((pkg) => parent.getProvider(`${pkg}::`))
    .filter((p): p is pulumi.ProviderResource => p !== undefined);
  return { parent, providers };
}
