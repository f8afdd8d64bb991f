/**
 * URL paths of file routes (browser-safe): one pattern per route, from which the server mounts it and
 * the SPA and the CLI build its URLs, so no one writes the URL string by hand.
 */

type ParamsOf<Pattern extends string> = Pattern extends `${string}:${infer Param}/${infer Rest}`
  ? Param | ParamsOf<`/${Rest}`>
  : Pattern extends `${string}:${infer Param}`
    ? Param
    : never;

export interface PathPattern<Pattern extends string> {
  /** Express-style, e.g. `/api/reports/:id/pdf`. */
  readonly pattern: Pattern;
  /** The path with each `:param` filled in, URL-encoded. */
  build(params: Record<ParamsOf<Pattern>, string>): string;
}

export function pathPattern<const Pattern extends `/api/${string}`>(pattern: Pattern): PathPattern<Pattern> {
  return {
    pattern,
    build: (params) =>
      pattern.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) => {
        const value = (params as Record<string, string>)[name];
        if (value === undefined) throw new Error(`${pattern}: no value for :${name}`);
        return encodeURIComponent(value);
      }),
  };
}
