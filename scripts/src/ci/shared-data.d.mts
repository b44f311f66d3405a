export declare const sharedDigestEnv: string;
export declare function sharedDataLocations(
  repoRoot: string,
  env?: Readonly<Record<string, string | undefined>>,
  home?: string,
): { label: string; path: string }[];
export declare function sharedDataDigest(locations: readonly { label: string; path: string }[]): string;
