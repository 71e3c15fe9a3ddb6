/* Wegwijzer chat widget: one script tag, ES modules, no build step, nothing from a CDN.
 *
 *   <script type="module" src="https://SERVER/webhooks/web/static/widget/main.js"
 *           data-server="https://SERVER" data-title="Wegwijzer" data-lang="nl"></script>
 *
 * Optional: data-mode="inline" data-target="#some-element" puts the chat in that element instead of
 * behind a launcher button. The words come from the server (/webhooks/web/strings.json).
 *
 * Security: every text from the server or the user is inserted with textContent (never innerHTML);
 * links are made only for http(s) URLs and open with rel="noopener noreferrer".
 *
 * Modules: config (settings), session (conversation id), view (elements), dialog (modal panel,
 * menu, touch), plan (the plan overview), conversation (the log), feedback, complaint, keep (print,
 * calendar, confirm a new conversation), share (mail the plan, save a link), transport (the
 * server); this file wires them and handles
 * the composer and opening and closing the panel.
 */
import { link } from "../shared/dom.js";
import { format, loadStrings } from "../shared/strings.js";
import { installComplaint } from "./complaint.js";
import { ownScript, readConfig } from "./config.js";
import { installConversation } from "./conversation.js";
import { installDialog } from "./dialog.js";
import { installFeedback } from "./feedback.js";
import { installHandoff } from "./handoff.js";
import { installKeep } from "./keep.js";
import { installPlan } from "./plan.js";
import { KEY_OPEN, restoreSender, sessionGet, sessionSet } from "./session.js";
import { installShare } from "./share.js";
import { installTransport } from "./transport.js";
import { buildView } from "./view.js";

function start(config, strings) {
  var w = {
    config: config,
    S: strings,
    state: { sender: restoreSender(), busy: false, pending: null, lastTurn: null, currentEvent: null, plan: null },
    dom: {}
  };
  /** A widget text with its placeholders filled ({title} and {max} are always known). */
  w.t = function (key, values) {
    var template = key in strings.widget ? strings.widget[key] : (strings.widget_tools || {})[key];
    return format(template, Object.assign({ title: config.title, max: config.maxChars }, values || {}));
  };
  w.link = function (url, label) {
    return link(url, label, { className: "wgw-link", hiddenClass: "wgw-sr", newWindow: strings.new_window });
  };
  buildView(w);
  installDialog(w);
  installPlan(w);
  installConversation(w);
  installFeedback(w);
  installComplaint(w);
  installKeep(w);
  installShare(w);
  installTransport(w);
  installHandoff(w);
  installComposer(w);
  installPanel(w);
  mount(w);
  window.WegwijzerWidget = {
    open: function () { w.openPanel(); },
    close: function () { w.closePanel(); },
    newConversation: function () { w.startNewConversation(false); },
    sender: function () { return w.state.sender; },
    refresh: function () { return w.loadHistory(); }
  };
}

function installComposer(w) {
  var d = w.dom;
  var t = w.t;
  var max = w.config.maxChars;
  /** One line that grows with the text, up to the CSS max-height. */
  function grow() {
    d.input.style.height = "auto";
    d.input.style.height = d.input.scrollHeight + 4 + "px";
  }
  w.growInput = grow;
  function updateCounter() {
    var n = d.input.value.length;
    grow();
    d.counter.textContent = t("counter", { count: n });
    d.counter.classList.toggle("wgw-counter-quiet", n < max * 0.8);
    var over = n > max;
    d.counter.classList.toggle("wgw-over", over);
    if (over) {
      d.input.setAttribute("aria-invalid", "true");
      if (d.inputError.textContent !== t("too_long")) d.inputError.textContent = t("too_long");
    } else {
      d.input.removeAttribute("aria-invalid");
      if (d.inputError.textContent === t("too_long") || d.inputError.textContent === t("empty")) {
        d.inputError.textContent = "";
      }
    }
  }
  d.form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = d.input.value.trim();
    if (!text) { d.inputError.textContent = t("empty"); d.input.focus(); return; }
    if (text.length > max) {
      d.inputError.textContent = t("too_long");
      d.input.setAttribute("aria-invalid", "true");
      d.input.focus();
      return;
    }
    if (w.state.busy) return;
    d.input.value = "";
    updateCounter();
    w.send(text);
  });
  d.input.addEventListener("input", updateCounter);
  d.input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      if (typeof d.form.requestSubmit === "function") d.form.requestSubmit();
      else d.form.dispatchEvent(new Event("submit", { cancelable: true }));
    }
  });
}

function installPanel(w) {
  var d = w.dom;
  var inline = w.config.inline;
  function isOpen() { return inline || !d.panel.hidden; }
  w.openPanel = function (focus) {
    if (inline) return;
    d.panel.hidden = false;
    d.root.classList.add("wgw-open");
    d.launcher.setAttribute("aria-expanded", "true");
    sessionSet(KEY_OPEN, "1");
    w.updateModal();
    d.log.scrollTop = d.log.scrollHeight;
    if (focus === false) return;
    if (w.isTouch()) d.title.focus(); // no keyboard popping up on a touch screen
    else d.input.focus();
  };
  w.closePanel = function () {
    if (inline) return;
    d.panel.hidden = true;
    d.root.classList.remove("wgw-open");
    d.launcher.setAttribute("aria-expanded", "false");
    sessionSet(KEY_OPEN, "0");
    w.closeMenu(false);
    w.updateModal();
    d.launcher.focus();
  };
  if (d.launcher) d.launcher.addEventListener("click", function () { if (isOpen()) w.closePanel(); else w.openPanel(); });
  d.panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !inline) {
      event.preventDefault();
      w.closePanel();
    }
  });
}

function mount(w) {
  var d = w.dom;
  var config = w.config;
  var host = config.inline && config.target ? document.querySelector(config.target) : null;
  (host || document.body).appendChild(d.root);
  var shown = false;
  function show() {
    if (shown) return;
    shown = true;
    d.root.hidden = false;
    if (!config.inline && sessionGet(KEY_OPEN) === "1") w.openPanel(false);
  }
  d.stylesheet.addEventListener("load", show);
  d.stylesheet.addEventListener("error", show);
  window.setTimeout(show, 3000);
  (document.head || document.documentElement).appendChild(d.stylesheet);
  w.showWelcome();
  // Listen for live messages once the history is shown, so that rendering the history cannot
  // wipe a message that was pushed meanwhile.
  w.loadHistory().then(w.connectEvents, w.connectEvents);
}

(function boot() {
  if (window.WegwijzerWidget || window.WegwijzerWidgetLoading) return;
  var script = ownScript(import.meta.url);
  if (!script) return;
  window.WegwijzerWidgetLoading = true;
  var config = readConfig(script, import.meta.url);
  loadStrings(config.server).then(function (strings) {
    function go() { start(config, strings); }
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", go);
    else go();
  }, function () {
    window.WegwijzerWidgetLoading = false; // the server is not reachable: no widget rather than a broken one
  });
})();
