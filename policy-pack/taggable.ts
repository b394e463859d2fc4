import * as data from "./taggable-types.json";

/**
 * The AWS resource types whose state has `tagsAll`, generated from @pulumi/aws's own declarations
 * by scripts/generate-taggable-types.ts. The policy pack and the program's mock harness both read
 * this one list.
 */
export const TAGGABLE_TYPES: ReadonlySet<string> = new Set(data.types);
export const TAGGABLE_TYPES_SOURCE: string = data.source;
