import { CliError, EXIT } from "./output";

export const DEFAULT_URL = "http://localhost:3000";

export interface CliConfig {
  url: URL;
  token: string;
}

/** The CLI's one reading of the environment: SHORTLIST_URL (optional) and SHORTLIST_TOKEN (required). */
export function loadCliConfig(env: Record<string, string | undefined> = process.env): CliConfig {
  const rawUrl = env.SHORTLIST_URL?.trim() || DEFAULT_URL;
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new CliError(`SHORTLIST_URL is not a URL: ${JSON.stringify(rawUrl)} (e.g. ${DEFAULT_URL})`, EXIT.fatal);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new CliError(`SHORTLIST_URL must be an http(s) URL, not ${JSON.stringify(rawUrl)}`, EXIT.fatal);
  }
  const token = env.SHORTLIST_TOKEN?.trim();
  if (!token) {
    throw new CliError(
      [
        "SHORTLIST_TOKEN is not set: the CLI signs in with an API token.",
        `  1. Open Shortlist (${url.origin}) and sign in as a recruiter or admin.`,
        `  2. In the API tokens screen (${new URL("/api-tokens", url).href}), create a token named after`,
        '     what will use it (e.g. "cli"), and copy its secret (sl_...): it is shown only once.',
        "  3. export SHORTLIST_TOKEN=sl_...   (and SHORTLIST_URL if Shortlist is not at " + DEFAULT_URL + ")",
      ].join("\n"),
      EXIT.fatal,
    );
  }
  return { url, token };
}
