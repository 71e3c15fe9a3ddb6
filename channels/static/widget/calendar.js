// A calendar file (iCalendar, RFC 5545) of a plan: every dated step the person must do as an
// all-day event on its deadline, with a reminder three days before. Made in the browser from the
// plan overview payload: no personal data (no name, no address, no conversation id) goes in it.

import { format } from "../shared/strings.js";

var REMINDER = "-P3D";

/** Escapes a TEXT value (RFC 5545 3.3.11). */
export function icsText(value) {
  return String(value || "").replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,")
    .replace(/\r?\n/g, "\\n");
}

/** Folds a content line at 75 octets (RFC 5545 3.1), never inside a UTF-8 character. */
export function foldLine(line) {
  var encoder = new TextEncoder();
  var out = [];
  var current = "";
  var size = 0;
  Array.from(line).forEach(function (ch) {
    var n = encoder.encode(ch).length;
    if (size + n > (out.length ? 74 : 75)) {
      out.push(current);
      current = "";
      size = 0;
    }
    current += ch;
    size += n;
  });
  out.push(current);
  return out.join("\r\n ");
}

function basicDate(iso) { return iso.replace(/-/g, ""); }

function nextDay(iso) {
  var parts = iso.split("-").map(Number);
  var day = new Date(Date.UTC(parts[0], parts[1] - 1, parts[2] + 1));
  return day.toISOString().slice(0, 10);
}

function stamp(now) { return now.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, ""); }

/** The dated steps that ask something of the person (automatic steps need nothing). */
export function datedSteps(overview) {
  return (Array.isArray(overview.steps) ? overview.steps : []).filter(function (step) {
    return !step.automatic && typeof step.due_date === "string" && /^\d{4}-\d{2}-\d{2}$/.test(step.due_date);
  });
}

/**
 * The .ics text for a plan overview. ``words``: the widget_tools strings; ``title``: the
 * assistant's name; ``now``: a Date (for DTSTAMP).
 */
export function buildIcs(overview, words, title, now) {
  var event = overview.event_title || "";
  var lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Wegwijzer//Stappenplan//NL",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH"
  ];
  datedSteps(overview).forEach(function (step) {
    var summary = format(words.calendar_summary, { title: step.title });
    lines.push(
      "BEGIN:VEVENT",
      "UID:" + [overview.event_id || "plan", step.step_id || step.number, step.due_date].join("-") + "@wegwijzer",
      "DTSTAMP:" + stamp(now),
      "DTSTART;VALUE=DATE:" + basicDate(step.due_date),
      "DTEND;VALUE=DATE:" + basicDate(nextDay(step.due_date)),
      "SUMMARY:" + icsText(summary),
      "DESCRIPTION:" + icsText(format(words.calendar_description, { event: event, title: title })),
      "TRANSP:TRANSPARENT",
      "BEGIN:VALARM",
      "ACTION:DISPLAY",
      "TRIGGER:" + REMINDER,
      "DESCRIPTION:" + icsText(format(words.calendar_alarm, { title: step.title })),
      "END:VALARM",
      "END:VEVENT"
    );
  });
  lines.push("END:VCALENDAR");
  return lines.map(foldLine).join("\r\n") + "\r\n";
}
