/**
 * What the Share dialog shows of a public link: its full address (the server answers the page's
 * path), the iframe snippet that embeds it, and the expiry a chosen day means.
 */

/** The page's address on this origin (the server answers `/public/dashboards/<token>`). */
export function publicLinkUrl(path: string, origin: string): string {
  return new URL(path, origin).href;
}

/** The HTML to embed the dashboard in another page; the address is escaped for an attribute. */
export function embedSnippet(url: string, title: string): string {
  const attr = (text: string) =>
    text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<iframe src="${attr(url)}" title="${attr(title)}" width="100%" height="600" style="border:0" loading="lazy"></iframe>`;
}

/**
 * A link chosen to expire on `day` (`YYYY-MM-DD`) works to the end of that day where the editor
 * is: the instant sent is that local midnight's next day. Empty: never expires. An invalid day is
 * `undefined` (the dialog says so instead of sending it).
 */
export function expiryOf(day: string): string | null | undefined {
  if (day.trim() === '') return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return undefined;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const chosen = new Date(year, month - 1, date);
  if (chosen.getMonth() !== month - 1 || chosen.getDate() !== date) return undefined;
  return new Date(year, month - 1, date + 1).toISOString();
}

/** The hint a listed link shows: its path up to the token's first characters. */
export function linkHint(tokenHint: string): string {
  return `/public/dashboards/${tokenHint}…`;
}
