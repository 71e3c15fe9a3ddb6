// The hand-off as the citizen sees it: while waiting for a caseworker a panel with the position
// in the queue or the expected wait, the opening hours, what happens outside them, 1700 as the
// other way, and "Stop met wachten" (which really takes the request out of the queue); once a
// caseworker took over, one line that says so. Also the typing signals both ways and the
// caseworker's display name on their messages.
//
// Hooks: main.js calls installHandoff(w); transport.js hands live events to w.onLiveEvent first.
// Everything else wraps the conversation's functions (addBotTurn, renderHistory, ...).

import { button, el, nextId } from "../shared/dom.js";

var CONVERSATION_HEADER = "X-Wegwijzer-Conversation";
var POLL_MS = 20000;
var TYPING_SEND_MS = 3000;
var TYPING_SHOW_MS = 6000;

export function installHandoff(w) {
  var t = w.t;
  var d = w.dom;
  var state = w.state;
  var current = { status: "none" };
  var pollTimer = null;
  var typingTimer = null;
  var lastTypingSent = 0;
  var caseworkerName = "";

  var sheet = el("link");
  sheet.rel = "stylesheet";
  sheet.href = w.config.base + "static/widget/handoff.css";
  (document.head || document.documentElement).appendChild(sheet);

  var box = el("section", "wgw-handoff");
  var titleId = nextId("handoff");
  box.setAttribute("aria-labelledby", titleId);
  box.hidden = true;
  var title = el("h3", "wgw-handoff-title", t("handoff_waiting_title"));
  title.id = titleId;
  var where = el("p", "wgw-handoff-where");
  where.setAttribute("role", "status");
  var hours = el("p", "wgw-handoff-hours");
  var typedNote = el("p", "wgw-handoff-note", t("handoff_typed_note"));
  var phone = el("p", "wgw-handoff-phone");
  var stopError = el("p", "wgw-handoff-error");
  stopError.setAttribute("role", "alert");
  var stop = button("wgw-handoff-stop", t("handoff_stop"), stopWaiting);
  var head = el("div", "wgw-handoff-head");
  head.appendChild(title);
  head.appendChild(where);
  // "Stop met wachten" and the details toggle share one row that stays in view (sticky) even when
  // the panel is short and the details scroll; the details are open by default on tall screens only.
  var more = el("div", "wgw-handoff-more");
  more.id = nextId("handoff-more");
  [hours, phone, typedNote].forEach(function (node) { more.appendChild(node); });
  var toggle = button("wgw-handoff-toggle", t("handoff_more"), function () { setMore(more.hidden); });
  toggle.setAttribute("aria-controls", more.id);
  var actions = el("div", "wgw-handoff-actions");
  actions.appendChild(stop);
  actions.appendChild(toggle);
  [head, actions, stopError, more].forEach(function (node) { box.appendChild(node); });
  setMore(false);
  d.chatView.insertBefore(box, d.typing);

  var typingBox = el("div", "wgw-typing wgw-handoff-typing");
  typingBox.setAttribute("role", "status");
  d.chatView.insertBefore(typingBox, d.typing);

  function setMore(open) {
    more.hidden = !open;
    toggle.setAttribute("aria-expanded", String(open));
    // On a short screen the panel scrolls: bring the details up under the sticky row.
    if (open && box.scrollHeight > box.clientHeight) box.scrollTop = more.offsetTop - actions.offsetHeight;
  }

  function headers(extra) {
    var h = Object.assign({}, extra || {});
    h[CONVERSATION_HEADER] = state.sender;
    return h;
  }

  function minutesText(minutes) {
    return minutes === 1 ? t("handoff_expected_one") : t("handoff_expected", { minutes: minutes });
  }

  function positionText(position) {
    if (position <= 1) return t("handoff_position_next");
    if (position === 2) return t("handoff_position_one");
    return t("handoff_position", { ahead: position - 1 });
  }

  function render(info) {
    current = info && typeof info.status === "string" ? info : { status: "none" };
    if (pollTimer) { clearTimeout(pollTimer); pollTimer = null; }
    var claimed = current.status === "claimed";
    d.root.classList.toggle("wgw-waiting", current.status === "open");
    if (current.status !== "open" && !claimed) { box.hidden = true; return; }
    // Taken over: one line says a person answers now (the caseworker's name is on their messages).
    box.classList.toggle("wgw-handoff-claimed", claimed);
    var heading = t(claimed ? "handoff_claimed_title" : "handoff_waiting_title");
    if (title.textContent !== heading) title.textContent = heading;
    pollTimer = setTimeout(refresh, POLL_MS);
    if (claimed) { box.hidden = false; return; }
    var lines = [];
    if (typeof current.position === "number") lines.push(positionText(current.position));
    if (typeof current.expected_minutes === "number" && current.open_now) lines.push(minutesText(current.expected_minutes));
    var text = lines.join(" ");
    if (where.textContent !== text) where.textContent = text;
    hours.textContent = current.open_now || !current.next_opening
      ? t("handoff_hours", { hours: current.hours || "" })
      : t("handoff_closed_now", { next: current.next_opening });
    phone.textContent = current.phone_text || "";
    var opening = box.hidden;
    box.hidden = false;
    if (opening) setMore(window.innerHeight > 560);
  }

  function refresh() {
    var conversation = state.sender;
    return fetch(w.config.base + "handoff", { headers: headers() })
      .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
      .then(function (info) { if (conversation === state.sender) render(info); })
      .catch(function () { if (current.status === "open") pollTimer = setTimeout(refresh, POLL_MS); });
  }
  w.refreshHandoff = refresh;

  function stopWaiting() {
    stopError.textContent = "";
    stop.disabled = true;
    fetch(w.config.base + "handoff/cancel", { method: "POST", headers: headers() })
      .then(function (r) { return r.json().then(function (body) { return { ok: r.ok, body: body }; }); })
      .then(function (result) {
        stop.disabled = false;
        if (!result.ok) { refresh(); if (result.body.error !== "not_waiting") throw new Error("failed"); return; }
        render({ status: "none" });
        w.addBotTurn([{ text: result.body.text }], "bot");
        d.input.focus();
      })
      .catch(function () { stop.disabled = false; stopError.textContent = t("handoff_stop_failed"); });
  }

  function showTyping(name) {
    typingBox.textContent = "";
    typingBox.classList.add("wgw-typing-on");
    typingBox.appendChild(el("span", null, name ? t("handoff_typing_named", { name: name }) : t("handoff_typing")));
    if (typingTimer) clearTimeout(typingTimer);
    typingTimer = setTimeout(hideTyping, TYPING_SHOW_MS);
  }
  function hideTyping() {
    if (typingTimer) { clearTimeout(typingTimer); typingTimer = null; }
    typingBox.textContent = "";
    typingBox.classList.remove("wgw-typing-on");
  }

  function nameTurn(turn, name) {
    var who = turn && turn.querySelector(".wgw-who");
    if (who && name) who.textContent = t("caseworker_named", { name: name });
  }

  /** Live events: true when handled here (the transport then does nothing more). */
  w.onLiveEvent = function (data) {
    if (data.type === "typing") { showTyping(data.caseworker_name || caseworkerName); return true; }
    if (data.caseworker_name) caseworkerName = data.caseworker_name;
    if (data.type === "handoff") { hideTyping(); refresh(); }
    if (data.caseworker) hideTyping();
    return false;
  };

  var addBotTurn = w.addBotTurn;
  w.addBotTurn = function (messages, kind) {
    var notes = messages.filter(function (m) { return m && m.custom && m.custom.type === "handoff_note"; });
    if (notes.length && notes.length === messages.length) {
      notes.forEach(function (m) { w.addNotice(m.text); });
      refresh();
      return null;
    }
    var turn = addBotTurn.apply(null, arguments);
    if (kind === "caseworker") nameTurn(turn, messages[0] && messages[0].caseworker_name);
    else refresh(); // the assistant may just have passed the conversation on
    return turn;
  };

  var renderHistory = w.renderHistory;
  w.renderHistory = function (entries) {
    renderHistory.apply(null, arguments);
    var names = [];
    var previous = null;
    entries.forEach(function (entry) {
      var kind = entry.from === "user" ? "user" : entry.caseworker ? "caseworker" : "bot";
      if (kind === "caseworker" && previous !== "caseworker") names.push(entry.caseworker_name || "");
      previous = kind;
    });
    var turns = d.log.querySelectorAll(".wgw-turn-caseworker");
    Array.prototype.forEach.call(turns, function (turn, index) { nameTurn(turn, names[index]); });
    refresh();
  };

  var startNewConversation = w.startNewConversation;
  w.startNewConversation = function () {
    render({ status: "none" });
    hideTyping();
    startNewConversation.apply(null, arguments);
  };

  // The citizen is typing: tell the caseworker (at most every few seconds, only during a hand-off).
  d.input.addEventListener("input", function () {
    if (current.status !== "open" && current.status !== "claimed") return;
    var now = Date.now();
    if (now - lastTypingSent < TYPING_SEND_MS || !d.input.value.trim()) return;
    lastTypingSent = now;
    fetch(w.config.base + "handoff/typing", { method: "POST", headers: headers() }).catch(function () {});
  });
}
