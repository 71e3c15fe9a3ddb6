// Talking to the server: sending a message (with the typing indicator and the unreachable state),
// loading a conversation's history, and the live stream of a caseworker's messages (Server-Sent
// Events, opened with a short-lived ticket so the conversation id never travels in a URL).

import { button, el } from "../shared/dom.js";
import { KEY_SENDER, KEY_UPDATED, isSenderId, newSenderId, notifyOtherTabs, storageSet } from "./session.js";

var CONVERSATION_HEADER = "X-Wegwijzer-Conversation";

export function installTransport(w) {
  var t = w.t;
  var d = w.dom;
  var state = w.state;
  var source = null;
  var reconnectTimer = null;

  function setTyping(on) {
    d.typing.textContent = "";
    d.typing.classList.toggle("wgw-typing-on", on);
    if (on) {
      d.typing.appendChild(el("span", null, t("typing")));
      var dots = el("span", "wgw-dots");
      dots.setAttribute("aria-hidden", "true");
      for (var i = 0; i < 3; i += 1) dots.appendChild(el("span", null, "."));
      d.typing.appendChild(dots);
    }
  }

  function clearAlert() { d.alertBox.textContent = ""; d.alertBox.classList.remove("wgw-alert-on"); }

  function showUnreachable() {
    d.alertBox.textContent = "";
    d.alertBox.classList.add("wgw-alert-on");
    d.alertBox.appendChild(el("p", null, t("unreachable")));
    d.alertBox.appendChild(button("wgw-retry", t("retry"), function () {
      if (state.pending) post(state.pending.payload, state.pending.display);
    }));
  }

  function post(payload, display) {
    state.busy = true;
    state.pending = { payload: payload, display: display };
    clearAlert();
    setTyping(true);
    var body = { sender: state.sender, message: payload };
    if (display) body.display = display;
    var conversation = state.sender;
    fetch(w.config.base + "webhook", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body)
    }).then(function (r) {
      if (r.status === 400 || r.status === 413 || r.status === 429) return { rejected: r.status };
      // 503 carries a polite answer from the server (e.g. the database is briefly unavailable).
      if (!r.ok && r.status !== 503) throw new Error("HTTP " + r.status);
      return r.json();
    }).then(function (messages) {
      state.busy = false;
      setTyping(false);
      if (conversation !== state.sender) return; // a new conversation started meanwhile
      state.pending = null;
      if (messages && messages.rejected) {
        d.inputError.textContent = messages.rejected === 413 ? t("too_long")
          : messages.rejected === 429 ? t("too_many") : t("bad_request");
        return;
      }
      if (Array.isArray(messages)) w.addBotTurn(messages, "bot");
      notifyOtherTabs(state.sender);
    }).catch(function () {
      state.busy = false;
      setTyping(false);
      if (conversation === state.sender) showUnreachable();
    });
  }

  w.send = function (payload, display) {
    if (state.busy) return;
    d.inputError.textContent = "";
    var shown = display || payload;
    if (shown && shown.charAt(0) !== "/") w.addUserTurn(shown);
    post(payload, display);
  };

  w.loadHistory = function () {
    var conversation = state.sender;
    var headers = {};
    headers[CONVERSATION_HEADER] = state.sender;
    return fetch(w.config.base + "history", { headers: headers }).then(function (r) {
      if (!r.ok) throw new Error("HTTP " + r.status);
      return r.json();
    }).then(function (entries) {
      if (conversation !== state.sender || state.busy) return;
      w.renderHistory(Array.isArray(entries) ? entries : []);
    }).catch(function () {
      if (!d.log.firstChild) w.showWelcome();
    });
  };

  function resetView() {
    state.busy = false;
    state.pending = null;
    setTyping(false);
    clearAlert();
    d.inputError.textContent = "";
    w.clearLog();
  }

  w.startNewConversation = function (byUser) {
    state.sender = newSenderId();
    storageSet(KEY_SENDER, state.sender);
    resetView();
    w.connectEvents();
    if (byUser) {
      w.announce(t("new_conversation_done"));
      d.input.focus();
    }
  };

  // Other tabs: a new conversation there, or new messages in this one.
  window.addEventListener("storage", function (event) {
    if (event.key === KEY_SENDER && event.newValue && event.newValue !== state.sender && isSenderId(event.newValue)) {
      state.sender = event.newValue;
      resetView();
      w.loadHistory().then(w.connectEvents, w.connectEvents);
    } else if (event.key === KEY_UPDATED && event.newValue && event.newValue.indexOf(state.sender + ":") === 0 &&
        !state.busy) {
      w.loadHistory();
    }
  });

  w.connectEvents = function () {
    if (source) { source.close(); source = null; }
    if (reconnectTimer) { clearTimeout(reconnectTimer); reconnectTimer = null; }
    if (typeof window.EventSource !== "function") return;
    var conversation = state.sender;
    var headers = {};
    headers[CONVERSATION_HEADER] = state.sender;
    fetch(w.config.base + "events/ticket", { method: "POST", headers: headers })
      .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
      .then(function (data) {
        if (conversation !== state.sender || !data || typeof data.ticket !== "string") return;
        openStream(data.ticket);
      })
      .catch(function () { reconnectTimer = setTimeout(w.connectEvents, 30000); });
  };

  function openStream(ticket) {
    try {
      source = new EventSource(w.config.base + "events?ticket=" + encodeURIComponent(ticket));
    } catch (e) { return; }
    source.onerror = function () {
      // A closed stream (server restart, stream lifetime over) needs a new ticket.
      if (source && source.readyState === 2) { reconnectTimer = setTimeout(w.connectEvents, 5000); }
    };
    source.onmessage = function (event) {
      var data;
      try { data = JSON.parse(event.data); } catch (e) { return; }
      if (!data || typeof data !== "object") return;
      if (w.onLiveEvent && w.onLiveEvent(data)) return; // hand-off states and typing (handoff.js)
      if (data.type === "handoff") {
        w.addNotice(typeof data.text === "string" && data.text ? data.text
          : data.status === "ended" ? t("handoff_ended") : t("handoff_started"));
        return;
      }
      w.addBotTurn([data], data.caseworker ? "caseworker" : "bot");
    };
  }
}
