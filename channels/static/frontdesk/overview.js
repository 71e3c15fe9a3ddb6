// The one-page overview at the top of the plan and the printout: every step by deadline, with a
// status tag (zelf doen / automatisch / misschien) and the deadline date. A step opens its card.

import { el } from "/webhooks/web/static/shared/dom.js";

/** The overview section for ``plan`` (the merged plan from api/situations). */
export function renderOverview(desk, plan) {
  var t = desk.t;
  var several = plan.situations.length > 1;
  var statusLabels = { zelf_doen: t("status_zelf_doen"), automatisch: t("status_automatisch"), misschien: t("status_misschien") };
  var section = el("section", "overview");
  section.setAttribute("aria-labelledby", "overview-title");
  var heading = el("h3", null, t("overview_title"));
  heading.id = "overview-title";
  section.appendChild(heading);
  section.appendChild(el("p", "hint", t("overview_hint")));
  var table = el("table", "overview-table");
  var head = el("tr");
  var columns = [t("overview_due"), t("overview_step"), t("overview_status")];
  if (several) columns.push(t("overview_for"));
  columns.forEach(function (label) {
    var th = el("th", null, label);
    th.scope = "col";
    head.appendChild(th);
  });
  table.appendChild(el("thead")).appendChild(head);
  var body = el("tbody");
  plan.overview.forEach(function (row) {
    var tr = el("tr", "overview-row status-" + row.status);
    tr.id = "overview-" + row.step_id;
    var due = el("td", "overview-due");
    if (row.due_date_text) due.appendChild(el("strong", "due-badge", row.due_date_text));
    else due.textContent = row.deadline_text || t("no_deadline");
    tr.appendChild(due);
    var step = el("td", "overview-step");
    var open = el("a", null, row.title);
    open.href = "#step-" + row.step_id;
    open.addEventListener("click", function (event) {
      var card = document.getElementById("step-" + row.step_id);
      if (!card) return;
      event.preventDefault();
      card.scrollIntoView({ block: "start" });
      card.focus();
    });
    step.appendChild(open);
    tr.appendChild(step);
    tr.appendChild(el("td")).appendChild(el("span", "badge status-tag status-tag-" + row.status, statusLabels[row.status]));
    if (several) tr.appendChild(el("td", "overview-for", row.situations.join(t("and"))));
    body.appendChild(tr);
  });
  table.appendChild(body);
  section.appendChild(table);
  return section;
}
