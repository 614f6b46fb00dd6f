/** `x-amz-pay-date` in the basic ISO 8601 form Amazon documents: `YYYYMMDDTHHMMSSZ`, UTC. */
export function amzDate(date: Date): string {
  const iso = date.toISOString(); // 2026-11-27T22:24:51.123Z
  return (
    iso.slice(0, 4) +
    iso.slice(5, 7) +
    iso.slice(8, 10) +
    'T' +
    iso.slice(11, 13) +
    iso.slice(14, 16) +
    iso.slice(17, 19) +
    'Z'
  );
}

const BASIC = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
// Amazon's Node SDK sends the extended form (`2026-11-27T22:24:51Z`); Amazon accepts both.
const EXTENDED = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?Z$/;

/** Reads either form of `x-amz-pay-date`; `null` when it is neither or names no real instant. */
export function parseAmzDate(value: string): Date | null {
  const match = BASIC.exec(value) ?? EXTENDED.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const date = new Date(ms);
  // Reject overflowed fields such as month 13 or 25:00, which Date.UTC would silently roll over.
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || date.getUTCHours() !== hour)
    return null;
  if (date.getUTCMinutes() !== minute || date.getUTCSeconds() !== second) return null;
  return date;
}
