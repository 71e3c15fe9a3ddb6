// "Klacht of melding": a form for the service, the agency, the government level and a message,
// stored as feedback of kind "complaint" for the service designers.

import { button, el } from "../shared/dom.js";

function field(container, labelText, control, hintText) {
  var wrap = el("div", "wgw-field");
  var lab = el("label", null, labelText);
  lab.htmlFor = control.id;
  wrap.appendChild(lab);
  var described = [];
  if (hintText) {
    var h = el("span", "wgw-field-hint", hintText);
    h.id = control.id + "-hint";
    described.push(h.id);
    wrap.appendChild(h);
  }
  var err = el("span", "wgw-field-error");
  err.id = control.id + "-error";
  described.push(err.id);
  control.setAttribute("aria-describedby", described.join(" "));
  wrap.appendChild(control);
  wrap.appendChild(err);
  container.appendChild(wrap);
  return err;
}

function textInput(id) {
  var input = el("input");
  input.id = id;
  input.type = "text";
  input.maxLength = 200;
  return input;
}

export function installComplaint(w) {
  var t = w.t;
  var d = w.dom;

  w.showChat = function (focusTarget) {
    d.complaintView.hidden = true;
    d.complaintView.textContent = "";
    d.chatView.hidden = false;
    (focusTarget || d.input).focus();
  };

  w.showComplaintForm = function () {
    var view = d.complaintView;
    view.textContent = "";
    var heading = el("h3", "wgw-complaint-title", t("complaint_title"));
    heading.tabIndex = -1;
    view.appendChild(heading);
    var intro = el("p", "wgw-complaint-intro", t("complaint_intro") + " ");
    intro.appendChild(w.link(t("complaint_link"), t("complaint_link_label")));
    view.appendChild(intro);

    var f = el("form", "wgw-complaint-form");
    f.setAttribute("novalidate", "");
    var service = textInput("wgw-complaint-service");
    var agency = textInput("wgw-complaint-agency");
    var level = el("select");
    level.id = "wgw-complaint-level";
    w.S.level_choices.forEach(function (pair) {
      var option = el("option", null, pair[1]);
      option.value = pair[0];
      level.appendChild(option);
    });
    var message = el("textarea");
    message.id = "wgw-complaint-message";
    message.rows = 5;
    message.maxLength = w.config.maxChars;
    var serviceError = field(f, t("service"), service, t("service_hint"));
    var agencyError = field(f, t("agency"), agency, t("agency_hint"));
    field(f, t("level"), level);
    var messageError = field(f, t("message"), message, t("privacy"));
    var actions = el("div", "wgw-complaint-actions");
    var submit = el("button", "wgw-send", t("complaint_send"));
    submit.type = "submit";
    actions.appendChild(submit);
    actions.appendChild(button("wgw-tool", t("cancel"), function () { w.showChat(d.complaintButton); }));
    f.appendChild(actions);
    view.appendChild(f);
    var status = w.feedbackStatus(view);

    function invalid(control, errorNode, text) {
      control.setAttribute("aria-invalid", "true");
      errorNode.textContent = text;
    }
    function go() {
      [service, agency, message].forEach(function (c) { c.removeAttribute("aria-invalid"); });
      [serviceError, agencyError, messageError].forEach(function (e) { e.textContent = ""; });
      var first = null;
      if (!service.value.trim() && !agency.value.trim()) {
        invalid(service, serviceError, t("need_service_or_agency"));
        invalid(agency, agencyError, t("need_service_or_agency"));
        first = service;
      }
      if (!message.value.trim()) {
        invalid(message, messageError, t("need_message"));
        first = first || message;
      }
      if (first) { first.focus(); return; }
      var payload = {
        conversation_id: w.state.sender, kind: "complaint", comment: message.value.trim(),
        complaint: { service: service.value.trim() || null, agency: agency.value.trim() || null, level: level.value || null }
      };
      if (w.state.currentEvent && w.state.currentEvent.id) payload.life_event = w.state.currentEvent.id;
      submit.disabled = true;
      status.busy();
      w.postFeedback(payload).then(function () {
        view.textContent = "";
        var done = el("h3", "wgw-complaint-title", t("complaint_done"));
        done.tabIndex = -1;
        view.appendChild(done);
        view.appendChild(el("p", null, t("complaint_done_note")));
        view.appendChild(button("wgw-send", t("back_to_chat"), function () { w.showChat(d.complaintButton); }));
        done.focus();
      }, function (error) {
        submit.disabled = false;
        status.fail(w.feedbackErrorText(error), go);
      });
    }
    f.addEventListener("submit", function (event) { event.preventDefault(); go(); });
    d.chatView.hidden = true;
    view.hidden = false;
    heading.focus();
  };
}
