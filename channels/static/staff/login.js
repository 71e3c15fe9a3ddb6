// Staff login: posts JSON with the CSRF header, then goes to the page the person asked for.
// The submit handler is attached at once and only then is the button enabled: a form submitted
// before this script ran would otherwise be sent natively (the password in a URL).
import { loadStrings } from "/webhooks/web/static/shared/strings.js";

var strings = loadStrings(window.location.origin).then(function (all) { return all.staff; });
strings.catch(function () { /* without the texts, errors use the page's own fallback sentence */ });
var form = document.getElementById("login-form");
var errorBox = document.getElementById("login-error");
var button = form.querySelector("button[type=submit]");

function showError(key) {
  strings.then(function (T) { errorBox.textContent = T[key] || errorBox.dataset.fallback; }, function () { errorBox.textContent = errorBox.dataset.fallback; });
}

function nextPage() {
  var next = new URLSearchParams(window.location.search).get("next") || "";
  return /^\/webhooks\/(frontdesk|console|reports)\/[\w\-./]*$/.test(next) && next.indexOf("..") < 0 ? next : "";
}

if (new URLSearchParams(window.location.search).get("afgemeld")) {
  document.getElementById("login-notice").hidden = false;
}

form.addEventListener("submit", function (event) {
  event.preventDefault();
  errorBox.textContent = "";
  var login = document.getElementById("login").value.trim();
  var password = document.getElementById("password").value;
  if (!login || !password) {
    showError("fill_in");
    return;
  }
  button.disabled = true;
  fetch("login", {
    method: "POST", credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-Wegwijzer-Request": "1" },
    body: JSON.stringify({ login: login, password: password, next: nextPage() })
  }).then(function (r) {
    if (!r.ok) throw r.status;
    return r.json();
  }).then(function (data) {
    window.location.assign(data.next);
  }).catch(function (status) {
    var MESSAGES = { 401: "wrong_login", 429: "locked", 503: "not_configured" };
    showError(MESSAGES[status] || "failed");
    button.disabled = false;
    document.getElementById("password").value = "";
    document.getElementById(status === 401 ? "login" : "password").focus();
  });
});
button.disabled = false;
