/** Keeps tokens out of every message, error and log line: the client registers each token it sends. */

const secrets = new Set<string>();

/** Remembers a token so `redact` removes it wherever it appears later. */
export function registerSecret(secret: string): void {
  if (secret.length >= 8) secrets.add(secret);
}

/** Removes every registered token and anything shaped like a GitHub token or a token query parameter. */
export function redact(text: string): string {
  let result = text;
  // Stryker disable next-line ConditionalExpression: splitting on an absent secret changes nothing; the check saves work.
  for (const secret of secrets) if (result.includes(secret)) result = result.split(secret).join('***');
  return result
    .replace(/\b(gh[pousr]_[A-Za-z0-9_]{20,}|github_pat_[A-Za-z0-9_]{20,})\b/g, '***')
    .replace(/([?&](?:token|access_token)=)[^&\s]+/gi, '$1***');
}
