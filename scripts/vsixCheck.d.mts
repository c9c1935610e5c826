// Types for scripts/vsixCheck.mjs (plain JavaScript, like the package script that uses it).

export const MAX_VSIX_BYTES: number;

/** Files under media/ and dist/ that package.json's fields and the README point at. */
export function referencedFiles(manifest: object, readme: string): string[];

/** Everything wrong with a package, as sentences; empty when it may ship. */
export function vsixProblems(vsix: {
  entries: readonly { name: string }[];
  bytes: number;
  fileName: string;
  manifest: object;
  readme: string;
}): string[];
