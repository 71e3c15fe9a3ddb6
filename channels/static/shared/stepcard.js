// The step card: one model (bot/journeys/render.py step_card) and one rendering of its facts,
// used by the chat widget and by the front desk (screen and print). The labels come from the
// strings file (step_card), the same labels as the plain-text rendering in Python.

import { addRow, el } from "./dom.js";
import { dutchDate, format } from "./strings.js";

/**
 * The notes above the facts (automatic, conditional, at the counter) and the facts list.
 *  options: {strings, link(url, label), classes: {facts, list, auto, conditional, counter},
 *            audience: "citizen" | "staff", printUrls: bool}
 * Returns {notes: [elements before the text], afterText: [elements after it], facts: <dl>}.
 */
export function stepParts(card, options) {
  var S = options.strings.step_card;
  var staff = options.audience === "staff";
  var classes = options.classes;
  var notes = [];
  var afterText = [];
  if (card.automatic) {
    var auto = el("p", classes.auto);
    auto.appendChild(el("strong", null, staff ? S.automatic_staff : S.automatic));
    if (card.automatic_reason) {
      auto.appendChild(document.createTextNode((staff ? " " : ". ") + card.automatic_reason));
    }
    notes.push(auto);
  }
  if (card.conditional) notes.push(el("p", classes.conditional, staff ? S.conditional_staff : S.conditional));
  var dl = el("dl", classes.facts);
  var executing = card.executing || {};
  var competent = card.competent || {};
  if (executing.authority) {
    addRow(dl, S.who, executing.authority + (executing.level_name ? " (" + executing.level_name + ")" : ""));
  }
  if (competent.authority && competent.authority !== executing.authority) {
    addRow(dl, S.competent, competent.authority + (competent.level_name ? " (" + competent.level_name + ")" : ""));
  }
  if (card.deadline) {
    var when = card.deadline.text || "";
    if (card.deadline.due_date_text) when += ": " + format(S.due_date, { date: card.deadline.due_date_text });
    addRow(dl, S.when, when);
  }
  if (card.channels && card.channels.length) {
    var channels = el("ul", classes.list);
    card.channels.forEach(function (c) {
      var li = el("li");
      var kind = options.strings.channel_types[c.type];
      if (kind) li.appendChild(document.createTextNode(kind + ": "));
      li.appendChild(options.link(c.url, c.name));
      if (options.printUrls && c.url) li.appendChild(el("span", "print-url", " (" + c.url + ")"));
      channels.appendChild(li);
    });
    addRow(dl, S.how, channels);
  }
  if (card.needs_counter) {
    if (staff) addRow(dl, S.on_site, S.counter_only_staff);
    else afterText.push(el("p", classes.counter, S.counter_only));
  }
  if (card.documents && card.documents.length) {
    var docs = el("ul", classes.list);
    card.documents.forEach(function (d) { docs.appendChild(el("li", null, d)); });
    addRow(dl, S.bring, docs);
  }
  if (card.costs) addRow(dl, S.costs, card.costs);
  if (card.source_url) {
    var source = el("span");
    source.appendChild(options.link(card.source_url, card.source_url));
    var checked = card.checked_on_text || dutchDate(options.strings, card.checked_on);
    if (checked) source.appendChild(document.createTextNode(" (" + format(S.checked_on, { date: checked }) + ")"));
    addRow(dl, S.source, source);
  }
  return { notes: notes, afterText: afterText, facts: dl };
}

/** "Stap 2 van 6". */
export function stepCount(strings, card) {
  return format(strings.step_card.step, { number: card.number, total: card.total });
}
