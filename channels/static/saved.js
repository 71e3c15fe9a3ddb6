// The page of a saved link to a plan: "Verder chatten" opens the chat widget with this plan in a
// new conversation (the server puts the plan in it); on an unknown or expired link, "Begin een
// nieuw gesprek" opens the chat. The buttons stay hidden until the widget is there.

var CONVERSATION_HEADER = "X-Wegwijzer-Conversation";
var RESTORED_KEY = "wegwijzer.saved.restored";
var base = new URL("../", import.meta.url).href; // .../webhooks/web/

function widgetReady(tries) {
  return new Promise(function (resolve, reject) {
    (function look(left) {
      if (window.WegwijzerWidget) { resolve(window.WegwijzerWidget); return; }
      if (left <= 0) { reject(new Error("no widget")); return; }
      window.setTimeout(function () { look(left - 1); }, 100);
    })(tries);
  });
}

function restoredSender(token) {
  try { return window.sessionStorage.getItem(RESTORED_KEY + "." + token); } catch (e) { return null; }
}

function rememberRestored(token, sender) {
  try { window.sessionStorage.setItem(RESTORED_KEY + "." + token, sender); } catch (e) { /* private mode */ }
}

function continueChat(widget, button) {
  var token = window.location.pathname.split("/").pop();
  if (restoredSender(token) === widget.sender()) { widget.open(); return; }
  button.disabled = true;
  widget.newConversation();
  var headers = { "Content-Type": "application/json" };
  headers[CONVERSATION_HEADER] = widget.sender();
  fetch(base + "saved/" + encodeURIComponent(token) + "/continue", { method: "POST", headers: headers, body: "{}" })
    .then(function (r) {
      if (!r.ok) throw new Error("HTTP " + r.status);
      rememberRestored(token, widget.sender());
      return widget.refresh();
    })
    .catch(function () { /* the chat opens without the plan: the person can still ask */ })
    .then(function () { button.disabled = false; widget.open(); });
}

widgetReady(100).then(function (widget) {
  var resume = document.getElementById("saved-continue");
  var start = document.getElementById("saved-start");
  if (resume) {
    resume.hidden = false;
    resume.addEventListener("click", function () { continueChat(widget, resume); });
  }
  if (start) {
    start.hidden = false;
    start.addEventListener("click", function () { widget.open(); });
  }
}, function () { /* no widget: the plan stays readable */ });
