// The words of the web front ends: one strings file on the server (data/texts/nl.yml), served as
// /webhooks/web/strings.json. No Dutch text lives in the scripts themselves.

/** Loads the strings from the server at ``origin`` (the widget may run on another site). */
export function loadStrings(origin) {
  return fetch(origin + "/webhooks/web/strings.json", { credentials: "omit" }).then(function (r) {
    if (!r.ok) throw new Error("HTTP " + r.status);
    return r.json();
  });
}

/** Fills ``{name}`` placeholders: format("Stap {number} van {total}", {number: 2, total: 6}). */
export function format(template, values) {
  return String(template || "").replace(/\{(\w+)\}/g, function (whole, name) {
    return values && Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
  });
}

/** ``2026-11-26`` -> ``26 november 2026`` (the month names come from the strings). */
export function dutchDate(strings, iso) {
  var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
  if (!m) return iso || "";
  return parseInt(m[3], 10) + " " + strings.months[parseInt(m[2], 10) - 1] + " " + m[1];
}

/** ``vrijdag 27 november 2026`` for a JavaScript date. */
export function longDate(strings, date) {
  var weekday = strings.weekdays[(date.getDay() + 6) % 7]; // the strings start on Monday
  return weekday + " " + date.getDate() + " " + strings.months[date.getMonth()] + " " + date.getFullYear();
}
