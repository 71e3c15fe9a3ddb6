// Shared by the staff pages: shows who is logged in and logs out on the server (every replica).
import { format, loadStrings } from "/webhooks/web/static/shared/strings.js";

var bar = document.querySelector("[data-staff-session]");
if (bar) {
  var who = bar.querySelector("[data-staff-name]");
  var logout = bar.querySelector("[data-staff-logout]");
  Promise.all([
    loadStrings(window.location.origin),
    fetch("/webhooks/staff/me", { credentials: "same-origin" }).then(function (r) { return r.ok ? r.json() : null; })
  ]).then(function (results) {
    var me = results[1];
    if (me && who) who.textContent = format(results[0].staff.logged_in_as, { name: me.name || me.login });
  }).catch(function () { /* the page itself shows login problems */ });
  if (logout) {
    logout.addEventListener("click", function () {
      fetch("/webhooks/staff/logout", {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-Wegwijzer-Request": "1" }, body: "{}"
      }).finally(function () { window.location.assign("/webhooks/staff/login?afgemeld=1"); });
    });
  }
}
