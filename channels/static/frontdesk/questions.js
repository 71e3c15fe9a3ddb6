// The situation: recognising it from staff's words, choosing it from the list, and the questions
// that change the plan (radio buttons marked "nog te vragen" or "beantwoord").

import { el } from "/webhooks/web/static/shared/dom.js";
import { api, explain } from "./api.js";

function upperFirst(text) { return text ? text.charAt(0).toUpperCase() + text.slice(1) : text; }

export function installQuestions(desk) {
  var t = desk.t;
  var $ = desk.$;

  desk.loadEvents = function () {
    return api("events").then(function (data) {
      var groups = {};
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
    box.appendChild(el("p", null, result.events.length === 1 ? t("recognised_one") : t("recognised_many")));
    var list = el("ul", "suggestions");
    result.events.forEach(function (event, index) {
      var item = el("li");
      var choose = el("button", index === 0 ? "primary" : "secondary", t("choose", { title: event.title }));
      choose.type = "button";
      choose.addEventListener("click", function () {
        $("event-select").value = event.id;
        chooseEvent(event.id, { date: result.event_date, municipality: result.municipality });
      });
      item.appendChild(choose);
      list.appendChild(item);
    });
    box.appendChild(list);
    var found = [];
    if (result.event_date) found.push(t("found_date", { date: result.event_date }));
    if (result.municipality) found.push(t("found_municipality", { name: result.municipality }));
    if (found.length) box.appendChild(el("p", "hint", t("also_found", { items: found.join(", ") })));
    if (result.needs_integral_guidance) box.appendChild(el("p", "notice", t("integral_guidance")));
  }

  $("event-select").addEventListener("change", function () {
    if ($("event-select").value) chooseEvent($("event-select").value, {});
  });

  function chooseEvent(eventId, found) {
    var event = desk.events[eventId];
    if (!event) return;
    desk.state.event = event;
    desk.state.answers = {};
    $("event-date").value = found.date || "";
    if (found.municipality) $("municipality").value = found.municipality;
    $("event-description").textContent = event.title + ". " + event.description;
    $("questions").textContent = "";
    $("details").hidden = false;
    api("events/" + encodeURIComponent(eventId)).then(function (info) {
      $("event-date-label-text").textContent = t("event_date_label", { label: upperFirst(info.event_date_label) });
      renderQuestions(info.questions);
      $("details-title").focus();
      return desk.refreshPlan(false);
    }).catch(function (error) { desk.fail(explain(t, error)); });
  }

  function renderQuestions(questions) {
    var box = $("questions");
    box.textContent = "";
    if (!questions.length) {
      box.appendChild(el("p", "hint", t("no_questions")));
      return;
    }
    box.appendChild(el("p", "hint", t("questions_hint")));
    questions.forEach(function (question) {
      var fieldset = el("fieldset", "question");
      fieldset.id = "question-" + question.id;
      var legend = el("legend", null, question.text);
      var badge = el("span", "badge badge-pending", t("pending"));
      badge.id = "question-badge-" + question.id;
      legend.appendChild(document.createTextNode(" "));
      legend.appendChild(badge);
      fieldset.appendChild(legend);
      question.options.forEach(function (option) {
        var id = "answer-" + question.id + "-" + option.value;
        var wrap = el("div", "choice");
        var radio = el("input");
        radio.type = "radio";
        radio.name = "answer-" + question.id;
        radio.id = id;
        radio.value = option.value;
        radio.checked = question.answer === option.value;
        radio.addEventListener("change", function () {
          desk.state.answers[question.id] = option.value;
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
  }

  desk.markPending = function (questions) {
    questions.forEach(function (question) {
      var badge = $("question-badge-" + question.id);
      if (!badge) return;
      badge.textContent = question.pending ? t("pending") : t("answered");
      badge.className = "badge " + (question.pending ? "badge-pending" : "badge-done");
    });
  };
}
