/* Caseworker console: an ES module; texts from the strings file, inserted with textContent.
 * One owner per case: only the caseworker who claimed it can reply or close it; closed cases
 * cannot be claimed or answered; closing with an unanswered citizen question asks first. */
import { loadStrings } from "/webhooks/web/static/shared/strings.js";
import { makeLabels } from "./labels.js";

var TYPING_SEND_MS = 3000;
var TYPING_SHOW_MS = 6000;

loadStrings(window.location.origin).then(function (strings) {
  var L = makeLabels(strings);
  var t = L.t;
  var current = null;
  var lastTypingSent = 0;
  var typingTimer = null;
  function $(id) { return document.getElementById(id); }
  var casesEl = $("cases");
  var messagesEl = $("messages");
  var statusEl = $("case-status");
  var replyBox = $("reply-text");

  $("transcript-title").textContent = t("transcript_title");
  $("transcript-note").textContent = t("transcript_note");
  $("live-title").textContent = t("live_title");
  $("close-anyway").textContent = t("close_anyway");
  $("close-cancel").textContent = t("keep_open");
  $("close-warning-text").textContent = t("unanswered_warning");

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function api(path, options) {
    var init = Object.assign({ credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-Wegwijzer-Request": "1" } }, options || {});
    return fetch("api/" + path, init).catch(function () {
      throw Object.assign(new Error("network"), { code: "network" });
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (body) {
        if (!r.ok) throw Object.assign(new Error(body.error || String(r.status)), { code: r.status === 401 ? "unauthorized" : body.error });
        return body;
      });
    });
  }
  function showError(target, e) { target.textContent = L.error(e.code || "other"); }
  /** Changes a live region only when its text changes (a status is not read out every 5 s). */
  function setText(node, text) { if (node.textContent !== text) node.textContent = text; }

  function caseButton(c) {
    var b = el("button", c.urgency === "high" ? "high" : "");
    b.type = "button";
    var owner = c.status === "open" ? t("waiting_for", { time: L.since(c.created_at) })
      : c.mine ? t("with_you") : t("with", { name: c.claimed_by_name || c.claimed_by });
    var first = el("span", "line");
    first.appendChild(el("strong", null, t("case_title", { id: c.id, status: L.status(c.status) })));
    first.appendChild(document.createTextNode(" · " + owner));
    if (c.urgency === "high") { first.appendChild(document.createTextNode(" · ")); first.appendChild(el("span", "tag", t("urgent"))); }
    b.appendChild(first);
    b.appendChild(el("span", "line", L.events(c) + " · " + L.reason(c.reason)));
    b.setAttribute("data-case", String(c.id));
    if (current && current.id === c.id) b.setAttribute("aria-current", "true");
    b.addEventListener("click", function () { openCase(c.id); });
    return b;
  }
  function loadCases() {
    return api("cases").then(function (cases) {
      // The list is rebuilt every few seconds: keep the keyboard focus on the same case.
      var focused = casesEl.contains(document.activeElement) ? document.activeElement.getAttribute("data-case") : null;
      casesEl.textContent = "";
      setText($("queue-status"), cases.length === 1 ? t("count_one") : t("count", { count: cases.length }));
      cases.forEach(function (c) { var li = el("li"); li.appendChild(caseButton(c)); casesEl.appendChild(li); });
      var again = focused && casesEl.querySelector('button[data-case="' + focused + '"]');
      if (again) again.focus();
      if (current) renderFacts(current); // the waiting time goes on counting
    }).catch(function (e) { showError($("queue-status"), e); });
  }

  function messageItem(m, mine) {
    var li = el("li", m.author);
    var time = m.created_at ? L.clock(m.created_at) : "";
    li.appendChild(el("span", "meta", L.who(m, mine) + (time ? " · " + time : "")));
    li.appendChild(el("span", "text", m.text));
    return li;
  }
  function addMessage(m) {
    if (!current) return;
    if (messagesEl.firstChild && messagesEl.firstChild.className === "empty") messagesEl.textContent = "";
    messagesEl.appendChild(messageItem(m, current.mine));
    current.messages.push(m);
    current.unanswered = m.author === "citizen" ? true : m.author === "caseworker" ? false : current.unanswered;
  }

  function renderFacts(c) {
    var facts = $("case-facts");
    facts.textContent = "";
    [t("started_at", { time: L.clock(c.created_at) }) + (c.status === "open" ? " · " + t("waiting_for", { time: L.since(c.created_at) }) : ""),
      c.claimed_at ? t("claimed_at", { time: L.clock(c.claimed_at), wait: L.since(c.created_at, Date.parse(c.claimed_at)) }) : null,
      t("events", { titles: L.events(c) }), t("reason", { reason: L.reason(c.reason) })]
      .filter(Boolean)
      .forEach(function (line) { facts.appendChild(el("li", null, line)); });
  }
  function renderOwner(c) {
    var done = c.status === "closed" || c.status === "cancelled";
    $("owner").textContent = done ? t("case_done") : c.mine ? t("owner_you")
      : c.status === "claimed" ? t("owner_other", { name: c.claimed_by_name || c.claimed_by }) : t("owner_none");
    $("claim").disabled = c.status !== "open";
    $("close").disabled = done || (c.status === "claimed" && !c.mine);
    var canReply = c.status === "claimed" && c.mine;
    replyBox.disabled = !canReply;
    $("send").disabled = !canReply;
  }
  function render(c) {
    current = c;
    $("case").hidden = false;
    $("case-title").textContent = t("case_title", { id: c.id, status: L.status(c.status) });
    renderFacts(c);
    renderOwner(c);
    $("summary").textContent = c.summary;
    var transcript = $("transcript");
    transcript.textContent = "";
    if (!c.transcript || !c.transcript.length) transcript.appendChild(el("li", "empty", t("transcript_empty")));
    (c.transcript || []).forEach(function (m) { transcript.appendChild(messageItem(m, false)); });
    messagesEl.textContent = "";
    if (!c.messages.length) messagesEl.appendChild(el("li", "empty", t("live_empty")));
    c.messages.forEach(function (m) { messagesEl.appendChild(messageItem(m, c.mine)); });
    $("close-warning").hidden = true;
    Array.prototype.forEach.call(casesEl.querySelectorAll("button"), function (b) {
      if (b.getAttribute("data-case") === String(c.id)) b.setAttribute("aria-current", "true");
      else b.removeAttribute("aria-current");
    });
  }
  function openCase(id) {
    return api("cases/" + id).then(function (c) {
      render(c);
      statusEl.textContent = "";
      loadCases();
      $("case-title").setAttribute("tabindex", "-1");
      $("case-title").focus();
    }).catch(function (e) { showError($("queue-status"), e); });
  }
  function refreshCase() {
    if (!current) return Promise.resolve();
    return api("cases/" + current.id).then(render).catch(function () {});
  }

  function close(force) {
    if (!current) return;
    api("cases/" + current.id + "/close", { method: "POST", body: JSON.stringify({ force: force === true }) })
      .then(function () { statusEl.textContent = t("closed"); $("close-warning").hidden = true; return refreshCase(); })
      .then(loadCases)
      .catch(function (e) {
        if (e.code === "unanswered") { $("close-warning").hidden = false; $("close-anyway").focus(); return; }
        showError(statusEl, e);
      });
  }
  $("claim").addEventListener("click", function () {
    if (!current) return;
    api("cases/" + current.id + "/claim", { method: "POST", body: "{}" })
      .then(function () { statusEl.textContent = t("claimed"); return refreshCase(); })
      .then(function () { loadCases(); replyBox.focus(); })
      .catch(function (e) { showError(statusEl, e); refreshCase(); loadCases(); });
  });
  $("close").addEventListener("click", function () {
    if (current && current.unanswered) { $("close-warning").hidden = false; $("close-anyway").focus(); return; }
    close(false);
  });
  $("close-anyway").addEventListener("click", function () { close(true); });
  $("close-cancel").addEventListener("click", function () { $("close-warning").hidden = true; replyBox.focus(); });
  $("reply").addEventListener("submit", function (event) {
    event.preventDefault();
    if (!current || !replyBox.value.trim()) return;
    api("cases/" + current.id + "/messages", { method: "POST", body: JSON.stringify({ text: replyBox.value }) })
      .then(function (m) { addMessage(m); replyBox.value = ""; statusEl.textContent = ""; })
      .catch(function (e) { showError(statusEl, e); });
  });
  replyBox.addEventListener("input", function () {
    if (!current || !current.mine || !replyBox.value.trim() || Date.now() - lastTypingSent < TYPING_SEND_MS) return;
    lastTypingSent = Date.now();
    api("cases/" + current.id + "/typing", { method: "POST", body: "{}" }).catch(function () {});
  });

  function showCitizenTyping() {
    $("citizen-typing").textContent = t("citizen_typing");
    if (typingTimer) clearTimeout(typingTimer);
    typingTimer = setTimeout(function () { $("citizen-typing").textContent = ""; }, TYPING_SHOW_MS);
  }
  var source = new EventSource("api/events");
  source.onmessage = function (event) {
    var m = JSON.parse(event.data);
    var here = current && m.case_id === current.id;
    if (m.type === "typing") { if (here) showCitizenTyping(); return; }
    if (here && m.type === "message") { $("citizen-typing").textContent = ""; addMessage(m); }
    if (here && m.type === "case") {
      if (m.status === "cancelled") statusEl.textContent = t("case_cancelled", { id: m.case_id });
      refreshCase();
    }
    loadCases();
  };
  loadCases();
  setInterval(loadCases, 5000);
});
