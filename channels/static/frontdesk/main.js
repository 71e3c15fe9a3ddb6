/* Wegwijzer front desk: ES modules, no build step. Texts come from the strings file
 * (/webhooks/web/strings.json) and are inserted with textContent only.
 * Modules: api (the JSON API), questions (situations and questions), plan (the merged plan, its
 * overview by deadline and its print). */
import { format, loadStrings } from "/webhooks/web/static/shared/strings.js";
import { installPlan } from "./plan.js";
import { installQuestions } from "./questions.js";

loadStrings(window.location.origin).then(function (strings) {
  var desk = {
    S: strings,
    format: format,
    state: { situations: [], requestId: 0 },
    events: {},
    $: function (id) { return document.getElementById(id); }
  };
  desk.t = function (key, values) { return format(strings.frontdesk[key], values); };
  desk.say = function (text) { desk.$("desk-status").textContent = text; };
  desk.fail = function (text) { desk.$("desk-error").textContent = text; };
  installQuestions(desk);
  installPlan(desk);
  desk.$("plan-form").addEventListener("submit", function (event) {
    event.preventDefault();
    desk.refreshPlan(true);
  });
  desk.$("municipality").addEventListener("change", function () { desk.refreshPlan(false); });
  // The submit buttons start disabled in the HTML: a form sent before its handler exists reloads the page.
  document.querySelectorAll("form button[type=submit]").forEach(function (button) { button.disabled = false; });
  desk.loadEvents();
  desk.loadMunicipalities();
}, function () {
  document.getElementById("desk-offline").hidden = false; // the page's own words: the strings did not load
});
