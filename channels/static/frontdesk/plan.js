// The personalised plan on screen and on paper, for one or several situations merged: the overview
// by deadline first, then the steps with a checkbox (the shared step card), rights, where the citizen
// can go, and the day it was printed. Everything in the plan addresses the citizen as "u".

import { addRow, el, link as makeLink } from "/webhooks/web/static/shared/dom.js";
import { stepCount, stepParts } from "/webhooks/web/static/shared/stepcard.js";
import { longDate } from "/webhooks/web/static/shared/strings.js";
import { api, explain } from "./api.js";
import { renderOverview } from "./overview.js";

function upperFirst(text) { return text ? text.charAt(0).toUpperCase() + text.slice(1) : text; }

export function installPlan(desk) {
  var t = desk.t;
  var S = desk.S;
  var $ = desk.$;
  function link(url, label) {
    return makeLink(url, label, { hiddenClass: "sr-only", newWindow: S.new_window });
  }
  function sourceLine(url, checkedOnText) {
    var source = el("span");
    source.appendChild(link(url, url));
    if (checkedOnText) {
      source.appendChild(document.createTextNode(" (" + desk.format(S.step_card.checked_on, { date: checkedOnText }) + ")"));
    }
    return source;
  }

  desk.refreshPlan = function (focusPlan) {
    if (!desk.state.situations.length) return Promise.resolve();
    $("desk-error").textContent = "";
    var requestId = ++desk.state.requestId;
    var body = {
      situations: desk.state.situations.map(function (situation) {
        return { event_id: situation.event.id, answers: situation.answers, event_date: situation.date || null };
      }),
      municipality: $("municipality").value.trim() || null
    };
    return api("situations", body).then(function (plan) {
      if (requestId !== desk.state.requestId) return;
      desk.markPending(plan.situations);
      renderPlan(plan);
      desk.say(t("plan_updated", { total: plan.summary.total, automatic: plan.summary.automatic }));
      if (focusPlan) $("plan-title").focus();
    }, function (error) {
      if (requestId === desk.state.requestId) desk.fail(explain(t, error));
    });
  };

  function renderStep(step, several) {
    var item = el("li", "step" + (step.automatic ? " step-auto" : "") + (step.conditional ? " step-conditional" : ""));
    item.id = "step-" + step.step_id;
    item.tabIndex = -1;
    var head = el("div", "step-head");
    var checkId = "done-" + step.step_id;
    var check = el("input", "step-check");
    check.type = "checkbox";
    check.id = checkId;
    var checkLabel = el("label", "step-check-label");
    checkLabel.htmlFor = checkId;
    checkLabel.appendChild(el("span", "step-number", stepCount(S, step)));
    checkLabel.appendChild(el("span", "step-title", step.title));
    head.appendChild(check);
    head.appendChild(checkLabel);
    item.appendChild(head);
    if (several) item.appendChild(el("p", "step-for", t("for_situations", { titles: step.situations.join(t("and")) })));
    var parts = stepParts(step, {
      strings: S, link: link, audience: "citizen", printUrls: true,
      classes: { facts: "facts", list: null, auto: "auto-note", conditional: "conditional-note", counter: "counter-note" }
    });
    parts.notes.forEach(function (note) { item.appendChild(note); });
    item.appendChild(el("p", "step-what", step.what_to_do));
    parts.afterText.forEach(function (note) { item.appendChild(note); });
    item.appendChild(parts.facts);
    return item;
  }

  function renderContacts(place) {
    var section = el("section", "contacts");
    section.setAttribute("aria-labelledby", "contacts-title");
    var heading = el("h3", null, t("where_title"));
    heading.id = "contacts-title";
    section.appendChild(heading);
    if (!place.found) {
      section.appendChild(el("p", "notice", place.message));
      return section;
    }
    section.appendChild(el("p", null, place.province
      ? t("municipality_line_province", { name: place.name, province: place.province })
      : t("municipality_line", { name: place.name })));
    if (!place.in_flanders) section.appendChild(el("p", "notice", t("not_in_flanders", { name: place.name })));
    if (place.candidates.length) section.appendChild(el("p", "hint", t("candidates", { names: place.candidates.join(", ") })));
    if (place.service_points.length) {
      var list = el("ul", "service-points");
      place.service_points.forEach(function (p) {
        var li = el("li");
        li.appendChild(el("strong", null, p.name));
        li.appendChild(document.createTextNode(" — " + p.kind_label));
        var dl = el("dl", "facts");
        if (p.address) addRow(dl, t("address"), p.address);
        if (p.phone) addRow(dl, t("phone"), p.phone);
        if (p.opening_hours) addRow(dl, t("open"), p.opening_hours);
        if (p.url) {
          var site = el("span");
          site.appendChild(link(p.url, p.url));
          addRow(dl, t("website"), site);
        }
        if (p.note) addRow(dl, t("note"), p.note);
        addRow(dl, S.step_card.source, sourceLine(p.source_url, p.checked_on_text));
        li.appendChild(dl);
        list.appendChild(li);
      });
      section.appendChild(list);
    } else if (place.fallback) {
      section.appendChild(el("p", null, place.fallback.text));
      var fb = el("p", "hint");
      fb.appendChild(document.createTextNode(t("source_prefix")));
      fb.appendChild(sourceLine(place.fallback.source_url, place.fallback.checked_on_text));
      section.appendChild(fb);
    }
    return section;
  }

  function renderRights(plan) {
    var rights = el("section", "rights");
    rights.setAttribute("aria-labelledby", "rights-title");
    var rightsTitle = el("h3", null, t("rights_title"));
    rightsTitle.id = "rights-title";
    rights.appendChild(rightsTitle);
    var list = el("ul");
    plan.rights.forEach(function (right) {
      var li = el("li", right.automatic ? "right-auto" : "right-request");
      li.appendChild(el("strong", null, right.title));
      li.appendChild(document.createTextNode(" — " + right.description + " "));
      li.appendChild(el("span", "badge " + (right.automatic ? "badge-auto" : "badge-request"),
        right.automatic ? t("right_automatic") : t("right_request")));
      if (!right.automatic) li.appendChild(el("span", "right-where", t("right_where", { where: right.where_to_request })));
      var src = el("span", "right-source");
      src.appendChild(document.createTextNode(" " + t("source_prefix")));
      src.appendChild(sourceLine(right.source_url, right.checked_on_text));
      li.appendChild(src);
      list.appendChild(li);
    });
    rights.appendChild(list);
    return rights;
  }

  function renderPlan(plan) {
    var box = $("plan");
    var several = plan.situations.length > 1;
    var titles = plan.situations.map(function (s) { return s.event.title; });
    box.textContent = "";
    box.hidden = false;
    box.appendChild(el("p", "print-only print-brand", t("print_brand")));
    var title = el("h2", null, t("plan_title", { title: titles.join(t("and")) }));
    title.id = "plan-title";
    title.tabIndex = -1;
    box.appendChild(title);

    var meta = el("dl", "plan-meta");
    var dateTerm = el("span");
    dateTerm.appendChild(el("span", "no-print", t("made_on")));
    dateTerm.appendChild(el("span", "print-only", t("printed_on")));
    meta.appendChild(el("dt")).appendChild(dateTerm);
    meta.appendChild(el("dd")).appendChild(el("span", "printed-on", plan.printed_on_text));
    plan.situations.forEach(function (situation) {
      addRow(meta, upperFirst(situation.event.event_date_label), situation.event_date_text || t("no_date"));
    });
    if (plan.municipality && plan.municipality.found) addRow(meta, t("municipality"), plan.municipality.name);
    box.appendChild(meta);

    var summary = t("summary_steps", { total: plan.summary.total });
    // One of them "gebeurt", several "gebeuren": each count has a singular text.
    var counted = function (key, count) {
      return t(count === 1 ? key + "_one" : key, { count: count });
    };
    if (plan.summary.automatic) summary += counted("summary_automatic", plan.summary.automatic);
    if (plan.summary.conditional) summary += counted("summary_conditional", plan.summary.conditional);
    if (plan.summary.shared) summary += counted("summary_shared", plan.summary.shared);
    box.appendChild(el("p", "plan-summary", summary + "."));
    plan.situations.forEach(function (situation) {
      var prefix = several ? situation.event.title + ": " : "";
      if (situation.needs_event_date) box.appendChild(el("p", "notice no-print", prefix + t("fill_date")));
      if (situation.pending_questions.length) {
        var open = situation.questions.filter(function (q) { return q.pending; }).map(function (q) { return q.text; });
        box.appendChild(el("p", "notice no-print", prefix + t("still_to_ask", { questions: open.join(" ") })));
      }
    });

    var actions = el("div", "plan-actions no-print");
    var printButton = el("button", "primary", t("print"));
    printButton.type = "button";
    printButton.addEventListener("click", function () { window.print(); });
    actions.appendChild(printButton);
    box.appendChild(actions);

    box.appendChild(renderOverview(desk, plan));

    var details = el("section", "plan-details");
    details.setAttribute("aria-labelledby", "steps-title");
    var stepsTitle = el("h3", null, t("steps"));
    stepsTitle.id = "steps-title";
    details.appendChild(stepsTitle);
    var steps = el("ol", "steps");
    plan.steps.forEach(function (step) { steps.appendChild(renderStep(step, several)); });
    details.appendChild(steps);
    box.appendChild(details);
    if (plan.rights.length) box.appendChild(renderRights(plan));
    if (plan.municipality) box.appendChild(renderContacts(plan.municipality));
    box.appendChild(el("p", "plan-footer", t("footer")));
  }

  // The printed plan carries the day it is printed, also when the page stayed open overnight.
  window.addEventListener("beforeprint", function () {
    var text = longDate(S, new Date());
    Array.prototype.forEach.call(document.querySelectorAll(".printed-on"), function (node) { node.textContent = text; });
  });
}
