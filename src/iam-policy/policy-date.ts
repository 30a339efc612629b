/**
 * A date as IAM's Date condition operators read it, in milliseconds since 1970; null for anything else. IAM takes
 * epoch seconds (any value a signed 64-bit integer holds) or an ISO 8601 date with as much of the time as is given:
 * `2026`, `2026-01-31`, `2026-01-31T12`, `2026-01-31t12:30:00.5+01:00`; no offset means UTC. A field out of its
 * range (month 13, 10 fraction digits, a one-digit offset) makes the value no date, which IAM reports as
 * "The policy failed legacy parsing".
 *
 * @example
 * parsePolicyDate('1769817600') // 1769817600000
 * parsePolicyDate('2026-01-31T00:00:00Z') // 1769817600000
 * parsePolicyDate('next Tuesday') // null
 */
export function parsePolicyDate(text: string): number | null {
  if (/^[+-]?\d+$/.test(text)) {
    const seconds = BigInt(text);
    return seconds >= minLong && seconds <= maxLong ? Number(seconds) * 1000 : null;
  }
  const match = isoDate.exec(text);
  if (!match) return null;
  const [year, month = 1, day = 1, hour = 0, minute = 0, second = 0] = match.slice(1, 7).map(optionalNumber);
  const [, , , , , , , fraction, zulu, sign, offsetHours = '0', offsetMinutes = '0'] = match;
  if (year! < minYear || year! > maxYear || month! < 1 || month! > 12) return null;
  if (day! < 1 || day! > daysInMonth(year!, month!) || hour! > 23 || minute! > 59 || second! > 59) return null;
  if (Number(offsetHours) > 23 || Number(offsetMinutes) > 59) return null;
  const offset = zulu || !sign ? 0 : (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes));
  const seconds = daysFromCivil(year!, month!, day!) * 86400 + hour! * 3600 + (minute! - offset) * 60 + second!;
  return seconds * 1000 + (fraction ? Math.floor(Number(`0.${fraction}`) * 1000) : 0);
}

const minLong = -(2n ** 63n);
const maxLong = 2n ** 63n - 1n;
/** The years IAM's date parser knows. */
const minYear = -292275054;
const maxYear = 292278993;

const isoDate = new RegExp(
  '^([+-]?\\d{1,9})(?:-(\\d{1,2})(?:-(\\d{1,2}))?)?' +
    '(?:[Tt](?:(\\d{1,2})(?::(\\d{1,2})(?::(\\d{1,2})(?:[.,](\\d{1,9}))?)?)?)?(?:([Zz])|([+-])(\\d{2})(?::?(\\d{2}))?)?)?$',
);

const optionalNumber = (text: string | undefined) => (text === undefined ? undefined : Number(text));

const isLeapYear = (year: number) => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Days from 1970-01-01 to a date of the proleptic Gregorian calendar, for any year (Howard Hinnant's algorithm). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}
