/**
 * What a published file must not contain: paths that exist only on the machine it was written on
 * (a user's clone has no `/work/` and no shared notes folder beside it) and references to a
 * private tracker ("issue 6", "the issue asks"): a reader cannot open either, so the text must
 * say the reason itself or cite a public page. Upstream references name their repository
 * ("pulumi/pulumi-awsx issue 1618", "kubernetes#56503") and are fine.
 */
export interface Finding {
  line: number;
  rule: "outside-path" | "tracker-reference";
  text: string;
}

const OUTSIDE_PATH = /(^|[\s`("'])(\/work\/|\.\.\/shared\/|shared\/(NOTES|SEED|STYLE|DELIVERY|SECURITY|PRICES)\.md)/;
/** "issue 12" / "issues 3 and 4" not preceded by a repository name (`owner/repo`, `repo-name`, `repo#`). */
const BARE_ISSUE = /(^|[^\w/#.-]\s?)(?<![\w-]+[/-][\w.-]*\s)\bissues? #?\d+/i;
const TRACKER_PHRASE = /\b(the|this|that) issue (asks|says|wants|requires|lists)\b|\(note for the readme\)/i;

export function findOutsideReferences(text: string): Finding[] {
  const out: Finding[] = [];
  text.split("\n").forEach((line, i) => {
    if (OUTSIDE_PATH.test(line)) out.push({ line: i + 1, rule: "outside-path", text: line.trim() });
    else if (TRACKER_PHRASE.test(line) || (BARE_ISSUE.test(line) && !/github\.com\/\S+\/issues\//.test(line)))
      out.push({ line: i + 1, rule: "tracker-reference", text: line.trim() });
  });
  return out;
}
