// Types of pack.mjs, for TypeScript callers (bench/size.ts).
export interface PackOptions {
  /** Remove dist/ first so the package's prepack builds it (default true). */
  build?: boolean;
}
export function packPackages(
  names: string[],
  destination: string,
  options?: PackOptions,
): Map<string, string>;
export function npmInstall(dir: string, dependencies: Record<string, string>): void;
