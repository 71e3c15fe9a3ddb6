/* Caseworker console: an ES module; texts from the strings file, inserted with textContent. */
import { format, loadStrings } from "/webhooks/web/static/shared/strings.js";

loadStrings(window.location.origin).then(function (strings) {
  function t(key, values) { return format(strings.console[key], values); }
  var current = null;
  var casesEl = document.getElementById("cases");
  var caseEl = document.getElementById("case");
  var messagesEl = document.getElementById("messages");
  var statusEl = document.getElementById("case-status");

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function api(path, options) {
    var init = Object.assign({ credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-Wegwijzer-Request": "1" } }, options || {});
    return fetch("api/" + path, init).then(function (r) {
      return r.json().then(function (body) { if (!r.ok) throw new Error(body.detail || r.status); return body; });
    });
  }
  function caseLabel(c) {
    var who = c.status === "open" ? t("waiting") : t("with", { name: c.claimed_by });
    return "#" + c.id + " – " + who + (c.urgency === "high" ? t("urgent") : "") + " – " +
      (c.life_events.join(", ") || t("no_event"));
  }
  function loadCases() {
    api("cases").then(function (cases) {
      casesEl.textContent = "";
      document.getElementById("queue-status").textContent = t("count", { count: cases.length });
      cases.forEach(function (c) {
        var li = el("li");
        var b = el("button", c.urgency === "high" ? "high" : "", caseLabel(c));
        b.type = "button";
        b.addEventListener("click", function () { openCase(c.id); });
        li.appendChild(b);
        casesEl.appendChild(li);
      });
    }).catch(function (e) { document.getElementById("queue-status").textContent = t("error", { message: e.message }); });
  }
  function addMessage(m) {
    var prefix = m.author === "citizen" ? t("citizen") : m.author === "caseworker" ? t("you") : "";
    messagesEl.appendChild(el("li", m.author, prefix + m.text));
  }
  function openCase(id) {
    api("cases/" + id).then(function (c) {
      current = c;
      caseEl.hidden = false;
      document.getElementById("case-title").textContent = t("case_title", { id: c.id, status: c.status });
      document.getElementById("summary").textContent = c.summary;
      messagesEl.textContent = "";
      c.messages.forEach(addMessage);
    });
  }
  function act(path, status) {
    if (!current) return;
    api("cases/" + current.id + "/" + path, { method: "POST", body: "{}" }).then(function () {
      statusEl.textContent = status;
      openCase(current.id);
      loadCases();
    }).catch(function (e) { statusEl.textContent = t("error", { message: e.message }); });
  }
  document.getElementById("claim").addEventListener("click", function () { act("claim", t("claimed")); });
  document.getElementById("close").addEventListener("click", function () { act("close", t("closed")); });
  document.getElementById("reply").addEventListener("submit", function (event) {
    event.preventDefault();
    var box = document.getElementById("reply-text");
    if (!current || !box.value.trim()) return;
    api("cases/" + current.id + "/messages", { method: "POST", body: JSON.stringify({ text: box.value }) })
      .then(function (m) { addMessage(m); box.value = ""; })
      .catch(function (e) { statusEl.textContent = t("error", { message: e.message }); });
  });
  var source = new EventSource("api/events");
  source.onmessage = function (event) {
    var m = JSON.parse(event.data);
    if (current && m.case_id === current.id) addMessage(m);
    loadCases();
  };
  loadCases();
  setInterval(loadCases, 5000);
});
