import { describe, expect, it } from "vitest";
import { parseDate, toPostDate, isDayOnly } from "../../lib/core/dates.ts";

describe("parseDate", () => {
  it.each([
    // input, zone, ISO date in zone, UTC instant
    ["2019-03-06", "America/New_York", "2019-03-06", "2019-03-06T05:00:00.000Z"],
    ["2019-03-06", "Pacific/Kiritimati", "2019-03-06", "2019-03-05T10:00:00.000Z"],
    ["2019-03-06", "UTC", "2019-03-06", "2019-03-06T00:00:00.000Z"],
    ["2019-03-06T23:30", "America/New_York", "2019-03-06", "2019-03-07T04:30:00.000Z"],
    ["2019-03-06T23:30:00Z", "America/New_York", "2019-03-06", "2019-03-06T23:30:00.000Z"],
    ["2019-03-07T01:00:00+02:00", "Europe/London", "2019-03-06", "2019-03-06T23:00:00.000Z"],
  ])("reads %s in %s as the day %s", (input, zone, day, instant) => {
    const result = parseDate(input, zone);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.toISODate()).toBe(day);
    expect(result.value.toUTC().toISO()).toBe(instant);
    expect(result.value.zoneName).toBe(zone);
  });

  it.each([
    ["May 3", "a date as YYYY-MM-DD"],
    ["2019-02-30", "a real calendar date"],
    ["2019-13-01", "a real calendar date"],
    ["03/06/2019", "a date as YYYY-MM-DD"],
    ["", "a date as YYYY-MM-DD"],
  ])("rejects %j", (input, expected) => {
    const result = parseDate(input, "America/New_York");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.expected).toContain(expected);
  });
});

describe("toPostDate", () => {
  const day = (input: string, zone = "America/New_York") => {
    const r = parseDate(input, zone);
    if (!r.ok) throw new Error(r.expected);
    return r.value;
  };
  it.each([
    ["exact", "6 March 2019", "6 Mar 2019"],
    ["on-or-after", "on or after 6 March 2019", "≥ 6 Mar 2019"],
    ["about", "about 6 March 2019", "c. 6 Mar 2019"],
  ] as const)("words a %s date honestly", (accuracy, text, short) => {
    const date = toPostDate(day("2019-03-06"), true, accuracy);
    expect(date.text).toBe(text);
    expect(date.short).toBe(short);
    expect(date.iso).toBe("2019-03-06");
    expect(date.rfc3339).toBe("2019-03-06T00:00:00-05:00");
    expect(date.monthName).toBe("March 2019");
  });

  it("keeps the calendar day whatever the machine's zone (TZ is set far from the site zone in tests)", () => {
    const date = toPostDate(day("2019-03-06", "America/Los_Angeles"), true);
    expect(date.iso).toBe("2019-03-06");
    expect(date.text).toBe("6 March 2019");
    expect([date.year, date.month]).toEqual([2019, 3]);
  });

  it("shows the time and offset of a date-time", () => {
    const date = toPostDate(day("2019-03-06T14:05"), false);
    expect(date.iso).toBe("2019-03-06T14:05:00-05:00");
    expect(date.text).toBe("6 March 2019, 14:05 GMT-5");
  });

  it("words every month and offset as luxon's en-GB formats do, across zones and daylight saving", () => {
    // The words are remembered by month and by zone and offset: a wrong key shows up here
    // (London is GMT in January and BST in July; "Sept" is en-GB's short September).
    for (const zone of ["Europe/London", "America/New_York", "Asia/Ho_Chi_Minh", "UTC", "Australia/Adelaide"]) {
      for (let month = 1; month <= 12; month += 1) {
        const value = day(`2019-${String(month).padStart(2, "0")}-06T09:07`, zone);
        const date = toPostDate(value, false);
        const gb = value.setLocale("en-GB");
        expect(date.text).toBe(`${gb.toFormat("d LLLL yyyy")}, ${gb.toFormat("HH:mm ZZZZ")}`);
        expect(date.short).toBe(gb.toFormat("d LLL yyyy"));
        expect(date.monthName).toBe(gb.toFormat("LLLL yyyy"));
      }
    }
    expect(toPostDate(day("2019-09-06", "UTC"), true).short).toBe("6 Sept 2019");
    expect(toPostDate(day("2019-07-06T12:00", "Europe/London"), false).text).toBe("6 July 2019, 12:00 BST");
  });

  it("tells day-only inputs apart", () => {
    expect(isDayOnly("2019-03-06")).toBe(true);
    expect(isDayOnly("2019-03-06T10:00")).toBe(false);
  });
});
