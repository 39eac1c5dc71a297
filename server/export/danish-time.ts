/**
 * A moment as Danish Excel users read it, in Copenhagen's time: "26. november 2026 kl. 05.05.14", the text
 * Intl.DateTimeFormat('da-DK', { dateStyle: 'long', timeStyle: 'medium', timeZone: 'Europe/Copenhagen' })
 * gives.
 *
 * Written out rather than asked of Intl because the export's "Om udtrækket" sheet was the service's only use
 * of ICU's calendar and time-zone data: the first export paged 5.3 MB of it into the process for good
 * (built service, PGlite, measured in /proc/<pid>/smaps: the node binary's pages 42 -> 47 MB).
 *
 * Copenhagen keeps EU summer time: UTC+2 from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last
 * Sunday of October, UTC+1 otherwise. That rule has held since 1996, and snapshots are stamped by this
 * service when saved. tests/server/export/danish-time.test.ts compares this with Intl hour by hour, so a
 * change of the rule in the time-zone data Node ships fails there first.
 */
const MONTHS = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'];
const HOUR = 3_600_000;

/** 01:00 UTC on the last Sunday of `month` (0-based) in `year`. */
function lastSundayOneUtc(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0, 1));
  return lastDay.getTime() - lastDay.getUTCDay() * 24 * HOUR;
}

function copenhagenOffset(date: Date): number {
  const year = date.getUTCFullYear();
  const t = date.getTime();
  return t >= lastSundayOneUtc(year, 2) && t < lastSundayOneUtc(year, 9) ? 2 * HOUR : HOUR;
}

const two = (n: number) => String(n).padStart(2, '0');

export function danishTime(date: Date): string {
  const local = new Date(date.getTime() + copenhagenOffset(date));
  return `${local.getUTCDate()}. ${MONTHS[local.getUTCMonth()]} ${local.getUTCFullYear()} kl. ` +
    `${two(local.getUTCHours())}.${two(local.getUTCMinutes())}.${two(local.getUTCSeconds())}`;
}
