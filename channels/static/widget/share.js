// Keeping the plan beyond this window: "Mail mij dit plan" (a small form for one e-mail address;
// shown only when the server has a mail server, see GET plan/options) and "Bewaar een link" (a
// link that shows the plan again later, on any device). The server rebuilds the plan from the
// conversation itself: the widget sends only the life event's id (and the address).

import { button, el, nextId } from "../shared/dom.js";

var CONVERSATION_HEADER = "X-Wegwijzer-Conversation";
var ADDRESS = /^[^\s@,;<>()"]+@[^\s@,;<>()"]+\.[A-Za-z]{2,63}$/;

export function installShare(w) {
  var t = w.t;
  var options = { mail: false, link: true };

  function post(path, body) {
    var headers = { "Content-Type": "application/json" };
    headers[CONVERSATION_HEADER] = w.state.sender;
    return fetch(w.config.base + path, { method: "POST", headers: headers, body: JSON.stringify(body) })
      .then(function (r) {
        return r.json().catch(function () { return {}; }).then(function (data) {
          return { ok: r.ok, data: data && typeof data === "object" ? data : {} };
        });
      });
  }

  /** A status line read out by screen readers: say(text, "ok" | "error" | undefined). */
  function statusLine(container) {
    var line = el("p", "wgw-feedback-status");
    line.setAttribute("role", "status");
    container.appendChild(line);
    return {
      line: line,
      say: function (text, kind) {
        line.textContent = text || "";
        line.className = "wgw-feedback-status" + (kind ? " wgw-" + kind : "");
      }
    };
  }

  function showMailButtons() {
    Array.prototype.forEach.call(document.querySelectorAll(".wgw-plan-mail"), function (b) { b.hidden = !options.mail; });
  }

  /** From the "Meer" menu: the action under the newest overview in the conversation. */
  function openFromMenu(kind) {
    var boxes = w.dom.log.querySelectorAll(".wgw-overview");
    var target = boxes.length ? boxes[boxes.length - 1].querySelector(".wgw-plan-" + kind) : null;
    if (target && !target.hidden) {
      target.scrollIntoView({ block: "nearest" });
      target.click();
    }
  }

  /** A menu item next to print and calendar, shown (like them) only when there is a plan. */
  function menuItem(label, kind) {
    var items = w.dom.menuPlanItems;
    var li = el("li", "wgw-menu-plan");
    li.appendChild(button("wgw-menu-item", label, function () { w.closeMenu(false); openFromMenu(kind); }));
    var last = items[items.length - 1];
    last.parentNode.insertBefore(li, last.nextSibling);
    li.hidden = !w.state.plan;
    items.push(li);
  }

  w.loadShareOptions = function () {
    return fetch(w.config.base + "plan/options").then(function (r) {
      if (!r.ok) throw new Error("HTTP " + r.status);
      return r.json();
    }).then(function (data) {
      options.mail = !!(data && data.mail);
      options.link = !(data && data.link === false);
      showMailButtons();
      if (options.mail) menuItem(t("mail"), "mail");
      if (options.link) menuItem(t("link"), "link");
    }, function () { /* mail stays hidden */ });
  };

  /** The overview lives in the conversation log (aria-live): a form put into it is not read out
   * as a new message; focus moving to its field tells what it is. */
  function quietly(fill) {
    var log = w.dom.log;
    log.setAttribute("aria-live", "off");
    try { fill(); } finally { window.setTimeout(function () { log.setAttribute("aria-live", "polite"); }, 0); }
  }

  /** The panel under the plan's actions: one at a time (the mail form or the link). */
  function panelOf(box) {
    var panel = box.querySelector(".wgw-share-panel");
    if (!panel) {
      panel = el("div", "wgw-share-panel");
      box.appendChild(panel);
    }
    panel.textContent = "";
    return panel;
  }

  function mailForm(box, overview, opener) {
    quietly(function () { buildMailForm(box, overview, opener); });
  }

  function buildMailForm(box, overview, opener) {
    var panel = panelOf(box);
    var form = el("form", "wgw-mail-form");
    form.setAttribute("novalidate", "");
    var input = el("input");
    input.id = nextId("mail");
    input.type = "email";
    input.name = "email";
    input.autocomplete = "email";
    input.spellcheck = false;
    input.maxLength = 254;
    var wrap = el("div", "wgw-field");
    var label = el("label", null, t("mail_label"));
    label.htmlFor = input.id;
    var hint = el("span", "wgw-field-hint", t("mail_hint"));
    hint.id = input.id + "-hint";
    var error = el("span", "wgw-field-error");
    error.id = input.id + "-error";
    input.setAttribute("aria-describedby", hint.id + " " + error.id);
    wrap.appendChild(label);
    wrap.appendChild(hint);
    wrap.appendChild(input);
    wrap.appendChild(error);
    form.appendChild(wrap);
    var row = el("div", "wgw-confirm-actions");
    var submit = el("button", "wgw-send", t("mail_send"));
    submit.type = "submit";
    row.appendChild(submit);
    row.appendChild(button("wgw-tool", t("mail_cancel"), function () { panel.textContent = ""; opener.focus(); }));
    form.appendChild(row);
    var status = statusLine(form);
    panel.appendChild(form);

    var sending = false;
    function invalid(text) {
      input.setAttribute("aria-invalid", "true");
      error.textContent = text;
      input.focus();
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (sending) return; // the button stays focusable while the mail goes out
      var address = input.value.trim();
      input.removeAttribute("aria-invalid");
      error.textContent = "";
      if (!address) { invalid(t("mail_empty")); return; }
      if (!ADDRESS.test(address) || address.length > 254) { invalid(t("mail_invalid")); return; }
      sending = true;
      submit.setAttribute("aria-busy", "true");
      status.say(t("mail_sending"));
      post("plan/mail", { event_id: overview.event_id, address: address }).then(function (answer) {
        sending = false;
        submit.removeAttribute("aria-busy");
        var text = typeof answer.data.text === "string" ? answer.data.text : t("mail_failed");
        if (answer.ok) {
          input.value = "";
          status.say(text, "ok");
        } else if (answer.data.error === "invalid_address") {
          status.say("");
          invalid(text);
        } else {
          status.say(text, "error");
        }
      }, function () {
        sending = false;
        submit.removeAttribute("aria-busy");
        status.say(t("mail_failed"), "error");
      });
    });
    input.focus();
  }

  function copy(field, status) {
    function fallback() {
      field.select();
      try { document.execCommand("copy"); status.say(t("link_copied"), "ok"); } catch (e) { /* selected for the person */ }
    }
    if (navigator.clipboard && typeof navigator.clipboard.writeText === "function") {
      navigator.clipboard.writeText(field.value).then(function () { status.say(t("link_copied"), "ok"); }, fallback);
    } else {
      fallback();
    }
  }

  function saveLink(box, overview, opener) {
    if (opener.getAttribute("aria-busy") === "true") return; // stays focusable while it works
    var panel = panelOf(box);
    var status = statusLine(panel);
    opener.setAttribute("aria-busy", "true");
    status.say(t("link_busy"));
    post("plan/link", { event_id: overview.event_id }).then(function (answer) {
      opener.removeAttribute("aria-busy");
      if (!answer.ok || typeof answer.data.url !== "string") {
        status.say(typeof answer.data.text === "string" ? answer.data.text : t("link_failed"), "error");
        return;
      }
      quietly(function () { showLink(panel, answer.data); });
    }, function () {
      opener.removeAttribute("aria-busy");
      status.say(t("link_failed"), "error");
    });
  }

  function showLink(panel, data) {
    panel.textContent = "";
    var wrap = el("div", "wgw-field");
    var field = el("input", "wgw-link-field");
    field.id = nextId("link");
    field.type = "url";
    field.readOnly = true;
    field.value = data.url;
    var label = el("label", null, t("link_label"));
    label.htmlFor = field.id;
    var note = el("span", "wgw-field-hint", data.text || "");
    note.id = field.id + "-note";
    field.setAttribute("aria-describedby", note.id);
    field.addEventListener("focus", function () { field.select(); });
    wrap.appendChild(label);
    wrap.appendChild(field);
    wrap.appendChild(note);
    panel.appendChild(wrap);
    var done = statusLine(panel);
    var row = el("div", "wgw-confirm-actions");
    row.appendChild(button("wgw-send", t("link_copy"), function () { copy(field, done); }));
    panel.insertBefore(row, done.line);
    field.focus();
  }

  /** Adds "Mail mij dit plan" and "Bewaar een link" to the actions under a plan overview. */
  w.addShareActions = function (actions, box, overview) {
    var mail = button("wgw-plan-action wgw-plan-mail", t("mail"), function () { mailForm(box, overview, mail); });
    mail.hidden = !options.mail;
    actions.appendChild(mail);
    if (options.link) {
      var keep = button("wgw-plan-action wgw-plan-link", t("link"), function () { saveLink(box, overview, keep); });
      actions.appendChild(keep);
    }
  };
  w.loadShareOptions();
}
