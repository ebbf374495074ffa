// Reads an .ics (or a JSON array of .ics texts) on stdin and prints, as JSON, what Mozilla's ical.js understands of it:
// every VEVENT's UID, SEQUENCE, STATUS, SUMMARY, DESCRIPTION, LOCATION and its start and end
// as UTC instants, computed by ical.js with the feed's own VTIMEZONEs registered.
"use strict";

const ICAL = require("ical.js");

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  // One .ics, or a JSON array of several (one node start for many feeds).
  const many = input.startsWith("[");
  const results = (many ? JSON.parse(input) : [input]).map(dump);
  process.stdout.write(JSON.stringify(many ? results : results[0]));
});

function dump(source) {
  ICAL.TimezoneService.reset();
  const calendar = new ICAL.Component(ICAL.parse(source));
  const zones = {};
  for (const vtimezone of calendar.getAllSubcomponents("vtimezone")) {
    const zone = new ICAL.Timezone(vtimezone);
    ICAL.TimezoneService.register(zone);
    zones[zone.tzid] = vtimezone.getAllSubcomponents().length;
  }
  const utc = (time) => time.convertToZone(ICAL.Timezone.utcTimezone).toString();
  const events = calendar.getAllSubcomponents("vevent").map((vevent) => {
    const event = new ICAL.Event(vevent);
    const start = vevent.getFirstProperty("dtstart");
    return {
      uid: event.uid,
      sequence: event.sequence,
      status: vevent.getFirstPropertyValue("status"),
      summary: event.summary,
      description: event.description,
      location: event.location,
      categories: vevent.getAllProperties("categories").flatMap((p) => p.getValues()),
      tzid: start.getParameter("tzid") || null,
      zone_known: ICAL.TimezoneService.has(start.getParameter("tzid") || "UTC"),
      start_utc: utc(event.startDate),
      end_utc: utc(event.endDate),
    };
  });
  // ical.js reads NAME and X-WR-CALNAME as values of unknown type (raw): decode them with its
  // own TEXT decoder, as a client that knows these properties does.
  const text = ICAL.design.icalendar.value.text;
  const decoded = (name) => {
    const raw = calendar.getFirstPropertyValue(name);
    return raw === null ? null : text.fromICAL(raw);
  };
  return {
    name: decoded("name"),
    x_wr_calname: decoded("x-wr-calname"),
    description: calendar.getFirstPropertyValue("description"),
    zones,
    events,
  };
}
