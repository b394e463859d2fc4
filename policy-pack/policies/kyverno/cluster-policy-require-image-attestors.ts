import { KYVERNO_POLICIES, verifyImagesEntries } from "../../lib/kyverno";
import { resourcePolicy } from "../../lib/policy";
import { isUnknown, list } from "../../lib/props";

type Obj = Record<string, unknown>;

const set = (v: unknown) => typeof v === "string" && v.length > 0;

/**
 * What a single attestor entry is missing, or undefined. A keyless entry that does not name both
 * the OIDC issuer and the certificate subject accepts any Fulcio certificate, i.e. anyone's
 * signature (sigstore docs, "Verifying keyless signatures"; Kyverno docs, "Verify Images Rules",
 * keyless); a key entry needs the public key or KMS key it verifies with.
 */
function entryProblem(e: Obj): string | undefined {
  if (e.keyless !== undefined) {
    const k = (e.keyless ?? {}) as Obj;
    if (!set(k.issuer) && !set(k.issuerRegExp)) return "a keyless attestor names no issuer (issuer or issuerRegExp)";
    if (!set(k.subject) && !set(k.subjectRegExp)) return "a keyless attestor names no subject (subject or subjectRegExp)";
    return undefined;
  }
  if (e.keys !== undefined) {
    const k = (e.keys ?? {}) as Obj;
    if (!set(k.publicKeys) && !set(k.kms) && !set(k.secret)) return "a key attestor names no key (publicKeys, kms or secret)";
    return undefined;
  }
  if (e.certificates !== undefined) {
    const c = (e.certificates ?? {}) as Obj;
    if (!set(c.cert) && !set(c.certChain)) return "a certificate attestor names no certificate (cert or certChain)";
    return undefined;
  }
  // A nested attestor set is checked through its own entries.
  if (e.attestor !== undefined) return undefined;
  return "an attestor entry names no keyless identity, key or certificate";
}

export const kyvernoImageAttestors = resourcePolicy({
  name: "kubernetes-kyverno-cluster-policy-require-image-attestors",
  description:
    "Kyverno verifyImages rules name who may sign: image references and attestors, keyless with issuer and subject, or a key or certificate.",
  severity: "critical",
  topic: "supply-chain",
  category: "security",
  controls: {
    none: "No benchmark control id for this rule could be confirmed against a public source (docs/policies.md, Controls).",
  },
  remediationSteps:
    "Give each verifyImages entry imageReferences and attestors: entries with keyless.issuer (e.g. https://token.actions.githubusercontent.com) and keyless.subject/subjectRegExp (the signing workflow), or keys.publicKeys/kms.",
  types: KYVERNO_POLICIES,
  validate: (r) => {
    const entries = verifyImagesEntries(r.props);
    if (!Array.isArray(entries)) return r.undecided(entries.unknownAt, entries.value);
    for (const { where, entry } of entries) {
      const refs = list(entry.imageReferences);
      if (!refs) r.undecided(`${where}.imageReferences`, entry.imageReferences);
      else if (refs.length === 0 && !set(entry.image)) r.report(`${where}: no imageReferences; name the images it verifies.`);
      const sets = list(entry.attestors);
      if (!sets) {
        r.undecided(`${where}.attestors`, entry.attestors);
        continue;
      }
      // Attestations (in-toto statements) carry their own attestors; a signature check needs these.
      if (sets.length === 0) {
        r.report(`${where}: no attestors, so no signature is checked. Name the keyless identity or key that signs.`);
        continue;
      }
      sets.forEach((s, i) => {
        const entriesOfSet = list((s as Obj).entries);
        if (!entriesOfSet) return r.undecided(`${where}.attestors.${i}.entries`, (s as Obj).entries);
        if (entriesOfSet.length === 0) return r.report(`${where}.attestors[${i}]: no entries. Name who signs.`);
        for (const e of entriesOfSet as Obj[]) {
          if (isUnknown(e)) return r.undecided(`${where}.attestors.${i}.entries`, e);
          const problem = entryProblem(e);
          if (problem) r.report(`${where}.attestors[${i}]: ${problem}; anyone's signature would pass.`);
        }
      });
    }
  },
});
