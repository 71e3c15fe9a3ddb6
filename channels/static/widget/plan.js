// The plan overview (GOV.UK step-by-step / task-list pattern): every step of the plan in one
// compact list, the most urgent first, each with a status tag and a deadline badge; a step opens
// its card. Under the list: print (or save as pdf) and a calendar file. The bot sends the overview
// as a custom payload of type "plan_overview" (bot/dialogue/presenting.py overview_payload); its
// plain text stays for channels without the widget.

import { button, el, nextId } from "../shared/dom.js";
import { dutchDate } from "../shared/strings.js";

/** Dated steps first (earliest first), then undated ones, automatic steps last; then plan order. */
export function sortSteps(steps) {
  function rank(step) { return step.automatic ? 2 : step.due_date ? 0 : 1; }
  return steps.slice().sort(function (a, b) {
    return rank(a) - rank(b) ||
      (rank(a) === 0 && a.due_date !== b.due_date ? (a.due_date < b.due_date ? -1 : 1) : 0) ||
      a.number - b.number;
  });
}

/** The day the plan was made for (the bot's "today"), as YYYY-MM-DD. */
export function planToday(overview) {
  var today = overview && overview.state && overview.state.today;
  if (typeof today === "string" && /^\d{4}-\d{2}-\d{2}$/.test(today)) return today;
  var now = new Date();
  return now.getFullYear() + "-" + ("0" + (now.getMonth() + 1)).slice(-2) + "-" + ("0" + now.getDate()).slice(-2);
}

export function installPlan(w) {
  var t = w.t;

  function tagOf(step) {
    if (step.automatic) return { text: t("tag_automatic"), kind: "auto" };
    if (step.conditional) return { text: t("tag_maybe"), kind: "maybe" };
    return { text: t("tag_self"), kind: "self" };
  }

  function stepButton(step, today) {
    var item = el("li", "wgw-task");
    var open = button("wgw-task-button", null, function () {
      if (w.state.busy || typeof step.payload !== "string") return;
      w.send(step.payload, step.title);
    });
    open.setAttribute("data-step", String(step.number));
    open.appendChild(el("span", "wgw-task-title", step.title));
    var meta = el("span", "wgw-task-meta");
    var tag = tagOf(step);
    meta.appendChild(el("span", "wgw-tag wgw-tag-" + tag.kind, tag.text));
    if (step.due_date && !step.automatic) {
      var date = dutchDate(w.S, step.due_date);
      var passed = step.due_date < today;
      meta.appendChild(el("span", "wgw-due" + (passed ? " wgw-due-passed" : ""),
        passed ? t("due_passed", { date: date }) : t("due", { date: date })));
    }
    if (Array.isArray(step.events) && step.events.length) {
      meta.appendChild(el("span", "wgw-task-events", step.events.join(", "))); // overview of all situations
    }
    open.appendChild(meta);
    item.appendChild(open);
    return item;
  }

  /** The overview block for a "plan_overview" payload (also used for the printout). */
  w.renderOverview = function (overview, forPrint) {
    var box = el(forPrint ? "section" : "div", "wgw-overview");
    var headingId = nextId("overview");
    box.setAttribute("aria-labelledby", headingId);
    if (!forPrint) box.setAttribute("role", "region");
    var heading = el("h3", "wgw-overview-title", t("overview_title", { event: overview.event_title || "" }));
    heading.id = headingId;
    box.appendChild(heading);
    if (overview.description) box.appendChild(el("p", "wgw-overview-intro", overview.description));
    var steps = sortSteps(Array.isArray(overview.steps) ? overview.steps : []);
    if (!forPrint) {
      box.appendChild(el("p", "wgw-overview-count",
        steps.length === 1 ? t("overview_count_one") : t("overview_count", { total: steps.length })));
    }
    var list = el("ol", "wgw-tasks");
    var today = planToday(overview);
    steps.forEach(function (step) { list.appendChild(stepButton(step, today)); });
    box.appendChild(list);
    if (!forPrint) {
      var actions = el("div", "wgw-plan-actions");
      actions.appendChild(button("wgw-plan-action", t("print"), function () { w.printPlan(); }));
      actions.appendChild(button("wgw-plan-action", t("calendar"), function () { w.downloadCalendar(overview); }));
      // Mail and link keep one situation's plan (share.js); the overview of all situations has none.
      if (w.addShareActions && !overview.merged) w.addShareActions(actions, box, overview);
      box.appendChild(actions);
    }
    return box;
  };
}
