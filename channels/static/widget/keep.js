// Keeping the plan: print it (or save it as pdf) with the overview and the steps seen, download
// a calendar file with its deadlines, and a confirmation before "Nieuw gesprek" wipes it.

import { button, el } from "../shared/dom.js";
import { longDate } from "../shared/strings.js";
import { buildIcs, datedSteps } from "./calendar.js";
import { sortSteps } from "./plan.js";

var PRINTING = "wgw-printing";

export function installKeep(w) {
  var t = w.t;
  var d = w.dom;
  var printout = null;

  function removePrintout() {
    document.documentElement.classList.remove(PRINTING);
    if (printout && printout.parentNode) printout.parentNode.removeChild(printout);
    printout = null;
  }

  /** The printout: title, the overview, then the cards of this plan shown in the conversation. */
  w.buildPrintout = function () {
    removePrintout();
    var plan = w.state.plan;
    if (!plan) return null;
    printout = el("div", "wgw-root wgw-print");
    printout.lang = w.config.lang;
    printout.appendChild(el("h1", "wgw-print-title", t("print_title", { event: plan.event_title || "" })));
    printout.appendChild(el("p", "wgw-print-note", t("print_note", { date: longDate(w.S, new Date()) })));
    printout.appendChild(w.renderOverview(plan, true));
    var cards = {};
    Array.prototype.forEach.call(d.log.querySelectorAll(".wgw-card[data-event]"), function (card) {
      if (card.getAttribute("data-event") === String(plan.event_id)) cards[card.getAttribute("data-step")] = card;
    });
    var shown = sortSteps(plan.steps).filter(function (step) { return cards[String(step.number)]; });
    if (shown.length) {
      printout.appendChild(el("h2", "wgw-print-details", t("print_details")));
      shown.forEach(function (step) {
        var copy = cards[String(step.number)].cloneNode(true);
        copy.removeAttribute("aria-labelledby");
        Array.prototype.forEach.call(copy.querySelectorAll("[id]"), function (node) { node.removeAttribute("id"); });
        Array.prototype.forEach.call(copy.querySelectorAll("a[href]"), function (link) {
          // a link that shows its address already gets no address after it on paper
          if (link.textContent.indexOf(link.getAttribute("href")) === 0) link.classList.add("wgw-url-shown");
        });
        printout.appendChild(copy);
      });
    }
    document.body.appendChild(printout);
    document.documentElement.classList.add(PRINTING);
    return printout;
  };

  w.printPlan = function () {
    if (!w.buildPrintout()) return;
    window.print();
  };
  window.addEventListener("afterprint", removePrintout);

  w.downloadCalendar = function (overview) {
    if (!overview) return;
    if (!datedSteps(overview).length) { w.announce(t("calendar_none")); return; }
    var text = buildIcs(overview, w.S.widget_tools, w.config.title, new Date());
    var url = URL.createObjectURL(new Blob([text], { type: "text/calendar;charset=utf-8" }));
    var a = el("a");
    a.href = url;
    a.download = t("calendar_file", { event: String(overview.event_id || "plan") });
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
    w.announce(t("calendar_done"));
  };

  function closeConfirm(focusTarget) {
    d.confirmBox.hidden = true;
    d.confirmBox.textContent = "";
    if (focusTarget) focusTarget.focus();
  }

  /** "Nieuw gesprek": at once when there is no plan, else after a confirmation. */
  w.requestNewConversation = function () {
    if (!w.state.plan && !d.log.querySelector(".wgw-card")) { w.startNewConversation(true); return; }
    d.confirmBox.textContent = "";
    var question = el("p", "wgw-confirm-text", t("confirm_new"));
    question.id = "wgw-confirm-text";
    d.confirmBox.setAttribute("role", "group");
    d.confirmBox.setAttribute("aria-labelledby", "wgw-confirm-text");
    d.confirmBox.appendChild(question);
    var row = el("div", "wgw-confirm-actions");
    row.appendChild(button("wgw-small-primary", t("confirm_yes"), function () {
      closeConfirm(null);
      w.startNewConversation(true);
    }));
    var no = button("wgw-tool", t("confirm_no"), function () { closeConfirm(d.menuButton); });
    row.appendChild(no);
    if (w.state.plan) {
      row.appendChild(button("wgw-link-button", t("print"), function () { w.printPlan(); }));
    }
    d.confirmBox.appendChild(row);
    d.confirmBox.hidden = false;
    no.focus();
  };
  w.closeConfirm = closeConfirm;
}
