/**
 * One rule for repeated parameters, everywhere (API query strings, hosted pages, their forms):
 * a parameter may appear once. Amazon's canonical query keeps every repeated pair, so a service
 * reading only one of them would act on a value other than one the signature covers; refusing is
 * the only reading that cannot disagree with the signature.
 */
export function repeatedParameter(params: URLSearchParams): string | undefined {
  const seen = new Set<string>();
  for (const name of params.keys()) {
    if (seen.has(name)) return name;
    seen.add(name);
  }
  return undefined;
}
