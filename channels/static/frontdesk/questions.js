// The situations: recognising them from staff's words (every one found is proposed, the clerk keeps
// the ones that apply), choosing one from the list, and per situation the questions that change the
// plan (radio buttons marked "nog te vragen" or "beantwoord") and the date of the event.

import { el } from "/webhooks/web/static/shared/dom.js";
import { api, explain } from "./api.js";

var MAX_SITUATIONS = 5; // as channels/frontdesk_situations.py accepts

function upperFirst(text) { return text ? text.charAt(0).toUpperCase() + text.slice(1) : text; }

export function installQuestions(desk) {
  var t = desk.t;
  var $ = desk.$;

  desk.loadEvents = function () {
    return api("events").then(function (data) {
      var groups = {};
      var addGroups = {};
      data.events.forEach(function (event) {
        desk.events[event.id] = event;
        var group = groups[event.audience];
        if (!group) {
          group = el("optgroup");
          group.label = event.audience_label;
          groups[event.audience] = group;
          $("event-select").appendChild(group);
        }
        var option = el("option", null, event.title);
        option.value = event.id;
        group.appendChild(option);
        if (!addGroups[event.audience]) {
          addGroups[event.audience] = el("optgroup");
          addGroups[event.audience].label = event.audience_label;
          $("add-select").appendChild(addGroups[event.audience]);
        }
        addGroups[event.audience].appendChild(option.cloneNode(true));
      });
    }).catch(function (error) { desk.fail(explain(t, error)); });
  };

  desk.loadMunicipalities = function () {
    api("municipalities").then(function (data) {
      data.municipalities.forEach(function (name) {
        var option = el("option");
        option.value = name;
        $("municipality-list").appendChild(option);
      });
    }).catch(function () { /* the field still accepts typed names */ });
  };

  $("classify-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var text = $("situation-text");
    var error = $("situation-error");
    var result = $("classify-result");
    $("desk-error").textContent = "";
    error.textContent = "";
    var value = text.value.trim();
    if (!value || value.length > 2000) {
      text.setAttribute("aria-invalid", "true");
      error.textContent = value ? t("too_long", { max: 2000 }) : t("describe_first");
      text.focus();
      return;
    }
    text.removeAttribute("aria-invalid");
    result.textContent = t("classifying");
    api("classify", { text: value }).then(showClassification, function (failure) {
      result.textContent = "";
      desk.fail(explain(t, failure));
    });
  });

  function showClassification(result) {
    var box = $("classify-result");
    box.textContent = "";
    if (!result.events.length) {
      box.appendChild(el("p", null, t("nothing_recognised")));
      return;
    }
    var found = { date: result.event_date, municipality: result.municipality };
    if (result.events.length === 1) {
      box.appendChild(el("p", null, t("recognised_one")));
      var list = el("ul", "suggestions");
      var only = result.events[0];
      var choose = el("button", "primary", t("choose", { title: only.title }));
      choose.type = "button";
      choose.addEventListener("click", function () {
        $("event-select").value = only.id;
        chooseSituations([only.id], found);
      });
      list.appendChild(el("li")).appendChild(choose);
      box.appendChild(list);
    } else {
      var fieldset = el("fieldset", "keep-situations");
      fieldset.appendChild(el("legend", null, t("recognised_many")));
      fieldset.appendChild(el("p", "hint", t("recognised_keep")));
      result.events.forEach(function (event) {
        var wrap = el("div", "choice");
        var keep = el("input");
        keep.type = "checkbox";
        keep.id = "keep-" + event.id;
        keep.value = event.id;
        keep.checked = true;
        var label = el("label", null, event.title);
        label.htmlFor = keep.id;
        wrap.appendChild(keep);
        wrap.appendChild(label);
        fieldset.appendChild(wrap);
      });
      var keepError = el("p", "field-error");
      keepError.id = "keep-error";
      keepError.setAttribute("aria-live", "polite");
      fieldset.appendChild(keepError);
      box.appendChild(fieldset);
      var make = el("button", "primary", t("make_plan"));
      make.type = "button";
      make.addEventListener("click", function () {
        var kept = Array.prototype.map.call(fieldset.querySelectorAll("input:checked"), function (input) { return input.value; });
        if (!kept.length) {
          keepError.textContent = t("keep_none");
          return;
        }
        keepError.textContent = "";
        chooseSituations(kept, found);
      });
      box.appendChild(el("div", "suggestions")).appendChild(make);
    }
    var also = [];
    if (result.event_date) also.push(t("found_date", { date: result.event_date }));
    if (result.municipality) also.push(t("found_municipality", { name: result.municipality }));
    if (also.length) box.appendChild(el("p", "hint", t("also_found", { items: also.join(", ") })));
    if (result.needs_integral_guidance) box.appendChild(el("p", "notice", t("integral_guidance")));
  }

  $("event-select").addEventListener("change", function () {
    if ($("event-select").value) chooseSituations([$("event-select").value], {});
  });

  function chooseSituations(eventIds, found) {
    var events = eventIds.map(function (id) { return desk.events[id]; }).filter(Boolean);
    if (!events.length) return;
    desk.state.situations = [];
    if (found.municipality) $("municipality").value = found.municipality;
    $("questions").textContent = "";
    $("details").hidden = false;
    // The date found in the description belongs to the first (most urgent) situation only.
    Promise.all(events.map(function (event, index) { return addSituation(event, index === 0 ? found.date : ""); }))
      .then(function () {
        $("details-title").focus();
        return desk.refreshPlan(false);
      }).catch(function (error) { desk.fail(explain(t, error)); });
  }

  /** Adds a situation to the plan: its questions and date field (in the order given). */
  function addSituation(event, date) {
    var situation = { event: event, answers: {}, date: date || "" };
    desk.state.situations.push(situation);
    var block = el("section", "situation-block");
    block.id = "situation-" + event.id;
    $("questions").appendChild(block);
    return api("events/" + encodeURIComponent(event.id)).then(function (info) {
      renderSituation(block, situation, info);
      return situation;
    });
  }

  $("add-select").addEventListener("change", function () {
    var event = desk.events[$("add-select").value];
    $("add-select").value = "";
    if (!event) return;
    if (desk.state.situations.some(function (s) { return s.event.id === event.id; })) {
      desk.say(t("already_in_plan", { title: event.title }));
      return;
    }
    if (desk.state.situations.length >= MAX_SITUATIONS) {
      desk.fail(t("too_many_situations", { max: MAX_SITUATIONS }));
      return;
    }
    addSituation(event, "").then(function () {
      $("situation-title-" + event.id).focus();
      return desk.refreshPlan(false);
    }).catch(function (error) { desk.fail(explain(t, error)); });
  });

  function removeSituation(situation, block) {
    desk.state.situations = desk.state.situations.filter(function (s) { return s !== situation; });
    block.remove();
    if (desk.state.situations.length) {
      $("details-title").focus();
      desk.refreshPlan(false);
    } else {
      $("details").hidden = true;
      $("plan").hidden = true;
      $("event-select").value = "";
      $("event-select").focus();
    }
    desk.say(t("situation_removed", { title: situation.event.title }));
  }

  function renderSituation(block, situation, info) {
    var event = situation.event;
    var heading = el("h3", "situation-title", event.title);
    heading.id = "situation-title-" + event.id;
    heading.tabIndex = -1;
    block.appendChild(heading);
    block.appendChild(el("p", "hint", event.description));
    var remove = el("button", "secondary remove-situation", t("remove_situation", { title: event.title }));
    remove.type = "button";
    remove.addEventListener("click", function () { removeSituation(situation, block); });
    block.appendChild(remove);
    block.appendChild(renderQuestions(situation, info.questions));
    var field = el("div", "stack field");
    var dateId = "event-date-" + event.id;
    var label = el("label", null, t("event_date_label", { label: upperFirst(info.event_date_label) }));
    label.htmlFor = dateId;
    var hint = el("p", "hint", t("event_date_hint"));
    hint.id = dateId + "-hint";
    var input = el("input");
    input.type = "date";
    input.id = dateId;
    input.className = "event-date";
    input.value = situation.date;
    input.setAttribute("aria-describedby", hint.id);
    input.addEventListener("change", function () {
      situation.date = input.value;
      desk.refreshPlan(false);
    });
    field.appendChild(label);
    field.appendChild(hint);
    field.appendChild(input);
    block.appendChild(field);
  }

  function renderQuestions(situation, questions) {
    var box = el("div", "situation-questions");
    if (!questions.length) {
      box.appendChild(el("p", "hint", t("no_questions")));
      return box;
    }
    box.appendChild(el("p", "hint", t("questions_hint")));
    var prefix = situation.event.id + "-";
    questions.forEach(function (question) {
      var fieldset = el("fieldset", "question");
      fieldset.id = "question-" + prefix + question.id;
      var legend = el("legend", null, question.text);
      var badge = el("span", "badge badge-pending", t("pending"));
      badge.id = "question-badge-" + prefix + question.id;
      legend.appendChild(document.createTextNode(" "));
      legend.appendChild(badge);
      fieldset.appendChild(legend);
      question.options.forEach(function (option) {
        var id = "answer-" + prefix + question.id + "-" + option.value;
        var wrap = el("div", "choice");
        var radio = el("input");
        radio.type = "radio";
        radio.name = "answer-" + prefix + question.id;
        radio.id = id;
        radio.value = option.value;
        radio.checked = question.answer === option.value;
        radio.addEventListener("change", function () {
          situation.answers[question.id] = option.value;
          desk.refreshPlan(false);
        });
        var label = el("label", null, option.label);
        label.htmlFor = id;
        wrap.appendChild(radio);
        wrap.appendChild(label);
        fieldset.appendChild(wrap);
      });
      box.appendChild(fieldset);
    });
    return box;
  }

  desk.markPending = function (situations) {
    situations.forEach(function (situation) {
      situation.questions.forEach(function (question) {
        var badge = $("question-badge-" + situation.event.id + "-" + question.id);
        if (!badge) return;
        badge.textContent = question.pending ? t("pending") : t("answered");
        badge.className = "badge " + (question.pending ? "badge-pending" : "badge-done");
      });
    });
  };
}
