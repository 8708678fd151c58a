// The cookie-date algorithm of RFC 6265 §5.1.1 (unchanged in RFC 6265bis), as browsers use it for `Expires`.

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const TIME = /^(\d{1,2}):(\d{1,2}):(\d{1,2})(?:\D[\s\S]*)?$/;
const DAY = /^(\d{1,2})(?:\D[\s\S]*)?$/;
const YEAR = /^(\d{2,4})(?:\D[\s\S]*)?$/;

/** Whether `code` is a cookie-date delimiter: %x09 / %x20-2F / %x3B-40 / %x5B-60 / %x7B-7E. */
function isDelimiter(code: number): boolean {
  return (
    code === 0x09 ||
    (code >= 0x20 && code <= 0x2f) ||
    (code >= 0x3b && code <= 0x40) ||
    (code >= 0x5b && code <= 0x60) ||
    (code >= 0x7b && code <= 0x7e)
  );
}

function tokens(text: string): string[] {
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const delimiter = i === text.length || isDelimiter(text.charCodeAt(i));
    if (delimiter && start >= 0) {
      out.push(text.slice(start, i));
      start = -1;
    } else if (!delimiter && start < 0) start = i;
  }
  return out;
}

/** Parses a cookie-date into epoch milliseconds, or `undefined` when the algorithm fails. */
export function parseCookieDate(text: string): number | undefined {
  let time: number[] | undefined;
  let day: number | undefined;
  let month: number | undefined;
  let year: number | undefined;
  for (const token of tokens(text)) {
    const t = time ? null : TIME.exec(token);
    const d = t || day !== undefined ? null : DAY.exec(token);
    const mon = t || d || month !== undefined ? -1 : MONTHS.indexOf(token.slice(0, 3).toLowerCase());
    const y = t || d || mon >= 0 || year !== undefined ? null : YEAR.exec(token);
    if (t) time = [Number(t[1]), Number(t[2]), Number(t[3])];
    else if (d) day = Number(d[1]);
    else if (mon >= 0) month = mon;
    else if (y) year = Number(y[1]);
  }
  if (!time || day === undefined || month === undefined || year === undefined) return undefined;
  if (year >= 70 && year <= 99) year += 1900;
  else if (year <= 69) year += 2000;
  const [h = 0, min = 0, s = 0] = time;
  if (day < 1 || day > 31 || year < 1601 || h > 23 || min > 59 || s > 59) return undefined;
  const ms = Date.UTC(year, month, day, h, min, s);
  // 31 February and the like do not exist: the date must round-trip.
  return new Date(ms).getUTCDate() === day ? ms : undefined;
}
