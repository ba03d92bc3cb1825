// Either delay-seconds or an HTTP-date: https://www.rfc-editor.org/rfc/rfc9110#section-10.2.3
const DELAY_SECONDS = /^\d+$/;
// Every HTTP-date form names the day and month; V8's Date.parse would also take '-5' or '1.5'.
const HTTP_DATE = /^[A-Za-z]{3}/;

/** The wait a `Retry-After` value asks for, in ms; undefined when absent or unreadable. */
export function retryAfterMs(value: string | null, now: Date): number | undefined {
  const trimmed = value?.trim();
  if (trimmed === undefined || trimmed === '') return undefined;
  if (DELAY_SECONDS.test(trimmed)) return Number(trimmed) * 1000;
  if (!HTTP_DATE.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}
