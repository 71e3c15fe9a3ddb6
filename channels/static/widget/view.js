// Builds the widget's elements: launcher, panel, compact header with a menu, the chat log, the
// composer, the complaint view and a polite announcer. Only structure here; behaviour is in the other modules.

import { button, el } from "../shared/dom.js";
import { icon } from "./icons.js";

export function buildView(w) {
  var t = w.t;
  var d = w.dom;
  d.root = el("div", "wgw-root" + (w.config.inline ? " wgw-inline" : ""));
  d.root.lang = w.config.lang;
  d.root.setAttribute("data-wegwijzer", "");
  d.root.hidden = true; // shown once the stylesheet is loaded

  d.stylesheet = el("link");
  d.stylesheet.rel = "stylesheet";
  d.stylesheet.href = w.config.base + "static/widget.css";

  d.launcher = null;
  if (!w.config.inline) {
    d.launcher = button("wgw-launcher", null);
    d.launcher.appendChild(icon("chat"));
    d.launcher.appendChild(el("span", null, t("launcher")));
    d.launcher.setAttribute("aria-expanded", "false");
    d.launcher.setAttribute("aria-controls", "wgw-panel");
    d.root.appendChild(d.launcher);
  }

  d.panel = el("section", "wgw-panel");
  d.panel.id = "wgw-panel";
  d.panel.setAttribute("aria-labelledby", "wgw-title");
  d.panel.setAttribute("aria-describedby", "wgw-subtitle");
  if (!w.config.inline) {
    d.panel.setAttribute("role", "dialog");
    d.panel.setAttribute("aria-modal", "false");
    d.panel.hidden = true;
  }
  d.root.appendChild(d.panel);
  d.panel.appendChild(buildHeader(w));
  d.panel.appendChild(buildChat(w));

  d.complaintView = el("div", "wgw-complaint"); // filled on demand
  d.complaintView.hidden = true;
  d.panel.appendChild(d.complaintView);

  // A polite announcer for confirmations that are not part of the conversation.
  d.announcer = el("div", "wgw-sr");
  d.announcer.setAttribute("role", "status");
  d.panel.appendChild(d.announcer);
}

function buildHeader(w) {
  var t = w.t;
  var d = w.dom;
  var header = el("div", "wgw-header");
  var titleRow = el("div", "wgw-title-row");
  var title = el("h2", "wgw-title", w.config.title);
  title.id = "wgw-title";
  title.tabIndex = -1;
  d.title = title;
  titleRow.appendChild(title);
  // Secondary actions behind one "Meer" button (a disclosure: a list of ordinary buttons).
  d.menuButton = button("wgw-menu-button", t("menu"));
  d.menuButton.setAttribute("aria-expanded", "false");
  d.menuButton.setAttribute("aria-controls", "wgw-menu");
  d.menuButton.setAttribute("aria-label", t("menu_label"));
  d.menuButton.insertBefore(icon("menu"), d.menuButton.firstChild);
  titleRow.appendChild(d.menuButton);
  if (!w.config.inline) {
    var closeButton = button("wgw-close", null, function () { w.closePanel(); });
    closeButton.setAttribute("aria-label", t("close"));
    closeButton.appendChild(icon("close"));
    titleRow.appendChild(closeButton);
  }
  header.appendChild(titleRow);
  var subtitle = el("p", "wgw-sr", t("subtitle")); // read with the dialog's name; no room taken
  subtitle.id = "wgw-subtitle";
  header.appendChild(subtitle);
  d.menu = el("ul", "wgw-menu");
  d.menu.id = "wgw-menu";
  d.menu.hidden = true;
  function item(label, action, className) {
    var li = el("li", className || null);
    li.appendChild(button("wgw-menu-item", label, function () { w.closeMenu(false); action(); }));
    d.menu.appendChild(li);
    return li;
  }
  item(t("new_conversation"), function () { w.requestNewConversation(); });
  d.menuPlanItems = [
    item(t("print"), function () { w.printPlan(); }, "wgw-menu-plan"),
    item(t("calendar"), function () { w.downloadCalendar(w.state.plan); }, "wgw-menu-plan")
  ];
  item(t("complaint"), function () { w.showComplaintForm(); });
  d.complaintButton = d.menuButton; // where focus returns after the complaint form
  header.appendChild(d.menu);
  return header;
}

function buildChat(w) {
  var t = w.t;
  var d = w.dom;
  d.chatView = el("div", "wgw-chat");
  d.confirmBox = el("div", "wgw-confirm"); // filled by keep.js before a new conversation wipes a plan
  d.confirmBox.hidden = true;
  d.chatView.appendChild(d.confirmBox);
  d.log = el("div", "wgw-log");
  d.log.setAttribute("role", "log");
  d.log.setAttribute("aria-live", "polite");
  d.log.setAttribute("aria-relevant", "additions");
  d.log.setAttribute("aria-label", t("log_label"));
  d.log.tabIndex = 0; // a scrollable region must be reachable by keyboard
  d.chatView.appendChild(d.log);

  d.typing = el("div", "wgw-typing");
  d.typing.setAttribute("role", "status");
  d.chatView.appendChild(d.typing);

  d.alertBox = el("div", "wgw-alert");
  d.alertBox.setAttribute("role", "alert");
  d.chatView.appendChild(d.alertBox);

  d.form = el("form", "wgw-composer");
  d.form.setAttribute("novalidate", "");
  var labelRow = el("div", "wgw-label-row");
  var label = el("label", "wgw-label wgw-sr", t("input_label"));
  label.htmlFor = "wgw-input";
  d.counter = el("span", "wgw-counter wgw-counter-quiet", t("counter", { count: 0 }));
  d.counter.id = "wgw-counter";
  labelRow.appendChild(label);
  labelRow.appendChild(d.counter);
  d.form.appendChild(labelRow);
  var hint = el("span", "wgw-sr", t("input_hint"));
  hint.id = "wgw-hint";
  d.form.appendChild(hint);
  var inputRow = el("div", "wgw-input-row");
  d.input = el("textarea", "wgw-input");
  d.input.id = "wgw-input";
  d.input.name = "message";
  d.input.rows = 1; // one line that grows with the text (main.js)
  d.input.placeholder = t("placeholder");
  d.input.setAttribute("aria-describedby", "wgw-hint wgw-counter wgw-input-error");
  d.input.setAttribute("autocomplete", "off");
  var sendButton = el("button", "wgw-send", t("send"));
  sendButton.type = "submit";
  inputRow.appendChild(d.input);
  inputRow.appendChild(sendButton);
  d.form.appendChild(inputRow);
  d.inputError = el("p", "wgw-input-error");
  d.inputError.id = "wgw-input-error";
  d.inputError.setAttribute("aria-live", "polite");
  d.form.appendChild(d.inputError);
  d.chatView.appendChild(d.form);
  d.chatView.appendChild(el("p", "wgw-privacy", t("privacy")));
  return d.chatView;
}
