// AWSGuard's own pack entry: `new AwsGuard(...)` constructs and serves its PolicyPack. Every
// policy mandatory, as our pack runs in prod, so both packs do the same work per resource.
const { AwsGuard } = require("@pulumi/awsguard");
new AwsGuard({ all: "mandatory" });
