/** The compiled CLI's entry under `root` when the build is current with its sources, else null. */
export function currentCompiledEntry(root: string): string | null
