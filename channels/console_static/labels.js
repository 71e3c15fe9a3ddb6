// Dutch labels for the console: statuses, reasons, life events, waiting times and clock times.
// Every word comes from the strings (data/texts/nl.yml); no code reaches the screen raw.

import { format } from "/webhooks/web/static/shared/strings.js";

export function makeLabels(strings) {
  var c = strings.console;
  function t(key, values) { return format(c[key], values); }

  function status(code) { return (c.statuses && c.statuses[code]) || code; }
  function reason(code) { return (strings.handoff_reasons && strings.handoff_reasons[code]) || code; }
  function events(item) {
    var titles = item.life_event_titles && item.life_event_titles.length ? item.life_event_titles : [];
    return titles.length ? titles.join(", ") : t("no_event");
  }
  function error(code) { return (c.errors && (c.errors[code] || c.errors.other)) || code; }

  function parse(iso) {
    var date = iso ? new Date(iso) : null;
    return date && !isNaN(date.getTime()) ? date : null;
  }
  /** ``14.05`` (the local clock time of an ISO timestamp). */
  function clock(iso) {
    var date = parse(iso);
    if (!date) return "";
    return date.getHours() + "." + String(date.getMinutes()).padStart(2, "0");
  }
  /** ``4 min``, ``1 u 10 min``, ``minder dan 1 min`` since ``iso``. */
  function since(iso, now) {
    var date = parse(iso);
    if (!date) return "";
    var minutes = Math.floor(Math.max(0, (now || Date.now()) - date.getTime()) / 60000);
    if (minutes < 1) return t("less_than_minute");
    if (minutes < 60) return t("minutes", { count: minutes });
    return t("hours_minutes", { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
  }
  function who(message, mine) {
    if (message.author === "citizen") return t("citizen");
    if (message.author === "caseworker") return mine ? t("you") : t("caseworker");
    if (message.author === "bot") return t("bot");
    return t("system");
  }
  return { t: t, status: status, reason: reason, events: events, error: error, clock: clock, since: since, who: who };
}
