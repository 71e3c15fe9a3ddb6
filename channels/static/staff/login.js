// Staff login: posts JSON with the CSRF header, then goes to the page the person asked for.
import { loadStrings } from "/webhooks/web/static/shared/strings.js";

loadStrings(window.location.origin).then(function (strings) {
  var T = strings.staff;
  var form = document.getElementById("login-form");
  var errorBox = document.getElementById("login-error");
  var MESSAGES = { 401: T.wrong_login, 429: T.locked, 503: T.not_configured };
  if (new URLSearchParams(window.location.search).get("afgemeld")) {
    document.getElementById("login-notice").hidden = false;
  }
  function nextPage() {
    var next = new URLSearchParams(window.location.search).get("next") || "";
    return /^\/webhooks\/(frontdesk|console|reports)\/[\w\-./]*$/.test(next) && next.indexOf("..") < 0 ? next : "";
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    errorBox.textContent = "";
    var login = document.getElementById("login").value.trim();
    var password = document.getElementById("password").value;
    if (!login || !password) {
      errorBox.textContent = T.fill_in;
      return;
    }
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
      errorBox.textContent = MESSAGES[status] || T.failed;
      document.getElementById("password").value = "";
      document.getElementById(status === 401 ? "login" : "password").focus();
    });
  });
});
