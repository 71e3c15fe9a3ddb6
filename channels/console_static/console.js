/* Caseworker console: plain JavaScript; all text inserted with textContent. */
(function () {
  "use strict";
  var current = null;
  var casesEl = document.getElementById("cases");
  var caseEl = document.getElementById("case");
  var messagesEl = document.getElementById("messages");

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function api(path, options) {
    return fetch("api/" + path, Object.assign({ credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-Wegwijzer-Request": "1" } }, options || {})).then(function (r) {
      return r.json().then(function (body) { if (!r.ok) throw new Error(body.detail || r.status); return body; });
    });
  }
  function loadCases() {
    api("cases").then(function (cases) {
      casesEl.textContent = "";
      document.getElementById("queue-status").textContent = cases.length + " gesprek(ken)";
      cases.forEach(function (c) {
        var li = el("li");
        var b = el("button", c.urgency === "high" ? "high" : "",
          "#" + c.id + " – " + (c.status === "open" ? "wacht" : "bij " + c.claimed_by) +
          (c.urgency === "high" ? " – dringend" : "") + " – " + (c.life_events.join(", ") || "geen situatie"));
        b.type = "button";
        b.addEventListener("click", function () { openCase(c.id); });
        li.appendChild(b); casesEl.appendChild(li);
      });
    }).catch(function (e) { document.getElementById("queue-status").textContent = "Fout: " + e.message; });
  }
  function addMessage(m) {
    messagesEl.appendChild(el("li", m.author, (m.author === "citizen" ? "Burger: " : m.author === "caseworker" ? "U: " : "") + m.text));
  }
  function openCase(id) {
    api("cases/" + id).then(function (c) {
      current = c; caseEl.hidden = false;
      document.getElementById("case-title").textContent = "Gesprek #" + c.id + " (" + c.status + ")";
      document.getElementById("summary").textContent = c.summary;
      messagesEl.textContent = "";
      c.messages.forEach(addMessage);
    });
  }
  function act(path, status) {
    if (!current) return;
    api("cases/" + current.id + "/" + path, { method: "POST", body: "{}" }).then(function () {
      document.getElementById("case-status").textContent = status; openCase(current.id); loadCases();
    }).catch(function (e) { document.getElementById("case-status").textContent = "Fout: " + e.message; });
  }
  document.getElementById("claim").addEventListener("click", function () { act("claim", "U hebt het gesprek overgenomen."); });
  document.getElementById("close").addEventListener("click", function () { act("close", "Gesprek afgesloten."); });
  document.getElementById("reply").addEventListener("submit", function (event) {
    event.preventDefault();
    var box = document.getElementById("reply-text");
    if (!current || !box.value.trim()) return;
    api("cases/" + current.id + "/messages", { method: "POST", body: JSON.stringify({ text: box.value }) })
      .then(function (m) { addMessage(m); box.value = ""; })
      .catch(function (e) { document.getElementById("case-status").textContent = "Fout: " + e.message; });
  });
  var source = new EventSource("api/events");
  source.onmessage = function (event) {
    var m = JSON.parse(event.data);
    if (current && m.case_id === current.id) addMessage(m);
    loadCases();
  };
  loadCases();
  setInterval(loadCases, 5000);
})();
