import { StackRun } from "../../tools/harness";

/**
 * The planted values among `planted` that appear in plain text anywhere in a run: a registered
 * input, a stack output or a component output (the harness masks secret values as "[secret]", so a
 * planted value found here reached the program without being a secret).
 */
export function plaintextLeaks(run: StackRun, planted: string[]): string[] {
  const everything = JSON.stringify([run.resources, run.outputs, run.componentOutputs]);
  return planted.filter((value) => everything.includes(value));
}
