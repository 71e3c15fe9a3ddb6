// Feedback is gold: a rating and a remark under every answer, a rating of the whole journey after
// its last step. Stored through /feedback, with two retries when the server is briefly away.

import { button, el, nextId } from "../shared/dom.js";
import { icon } from "./icons.js";

export function installFeedback(w) {
  var t = w.t;

  w.postFeedback = function (payload) {
    var attempt = 0;
    var retries = w.config.feedbackRetries;
    function tryOnce() {
      return fetch(w.config.base + "feedback", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(payload)
      }).then(function (r) {
        if (r.status === 201) return r.json();
        if ((r.status === 503 || r.status >= 500) && attempt < retries.length) return retryLater();
        var error = new Error("HTTP " + r.status);
        error.status = r.status;
        throw error;
      }, function () {
        if (attempt < retries.length) return retryLater();
        var error = new Error("network");
        error.status = 0;
        throw error;
      });
    }
    function retryLater() {
      var wait = retries[attempt];
      attempt += 1;
      return new Promise(function (resolve) { window.setTimeout(resolve, wait); }).then(tryOnce);
    }
    return tryOnce();
  };

  w.feedbackErrorText = function (error) {
    if (error && error.status === 400) return t("feedback_invalid");
    if (error && error.status === 413) return t("feedback_too_long");
    return t("feedback_failed");
  };

  function contextOf(turn) {
    var context = {};
    var card = turn && turn.wgwCard;
    var current = w.state.currentEvent;
    if (card && card.event_id) {
      context.life_event = card.event_id;
      if (card.step_id) context.step_id = card.step_id;
    } else if (current && current.id) {
      context.life_event = current.id;
    }
    if (turn && turn.wgwTexts.length) context.bot_message = turn.wgwTexts.join("\n").slice(0, 4000);
    return context;
  }

  /** A message line with an optional retry button, inside a feedback block. */
  w.feedbackStatus = function (container) {
    var line = el("p", "wgw-feedback-status");
    line.setAttribute("role", "status");
    container.appendChild(line);
    return {
      busy: function () { line.textContent = t("feedback_busy"); line.className = "wgw-feedback-status"; },
      done: function (text) { line.textContent = text; line.className = "wgw-feedback-status wgw-ok"; },
      fail: function (text, retry) {
        line.textContent = text + " ";
        line.className = "wgw-feedback-status wgw-error";
        if (retry) line.appendChild(button("wgw-link-button", t("retry"), retry));
      }
    };
  };

  function thumbButton(label, down) {
    var b = button("wgw-rate-button", null);
    b.appendChild(icon("thumb", down));
    b.appendChild(el("span", null, label));
    b.setAttribute("aria-pressed", "false");
    return b;
  }

  w.ratingControls = function (turn) {
    var box = el("div", "wgw-rate");
    var groupLabelId = nextId("rate");
    var question = el("span", "wgw-rate-label", t("rate_question"));
    question.id = groupLabelId;
    var group = el("div", "wgw-rate-buttons");
    group.setAttribute("role", "group");
    group.setAttribute("aria-labelledby", groupLabelId);
    box.appendChild(question);
    box.appendChild(group);
    var up = thumbButton(t("rate_up"), false);
    var down = thumbButton(t("rate_down"), true);
    var remark = button("wgw-rate-button wgw-remark-toggle", t("remark"));
    remark.setAttribute("aria-expanded", "false");
    group.appendChild(up);
    group.appendChild(down);
    group.appendChild(remark);
    var status = w.feedbackStatus(box);

    function rate(value, chosen, other) {
      if (chosen.getAttribute("aria-pressed") === "true") return;
      chosen.setAttribute("aria-pressed", "true");
      other.setAttribute("aria-pressed", "false");
      status.busy();
      var payload = Object.assign({ conversation_id: w.state.sender, kind: "rating", rating: value }, contextOf(turn));
      w.postFeedback(payload).then(function () { status.done(t("thanks")); }, function (error) {
        chosen.setAttribute("aria-pressed", "false");
        status.fail(w.feedbackErrorText(error), function () { rate(value, chosen, other); });
      });
    }
    up.addEventListener("click", function () { rate("up", up, down); });
    down.addEventListener("click", function () { rate("down", down, up); });

    var remarkForm = null;
    remark.addEventListener("click", function () {
      if (remarkForm) {
        remarkForm.hidden = !remarkForm.hidden;
        remark.setAttribute("aria-expanded", String(!remarkForm.hidden));
        if (!remarkForm.hidden) remarkForm.querySelector("textarea").focus();
        return;
      }
      remarkForm = remarkBox(function (comment) {
        var payload = Object.assign({ conversation_id: w.state.sender, kind: "remark", comment: comment },
          contextOf(turn));
        return w.postFeedback(payload);
      }, function () {
        remarkForm.hidden = true;
        remark.setAttribute("aria-expanded", "false");
        remark.focus();
      });
      remark.setAttribute("aria-controls", remarkForm.id);
      remark.setAttribute("aria-expanded", "true");
      box.appendChild(remarkForm);
      remarkForm.querySelector("textarea").focus();
    });
    return box;
  };

  /** A small form for a free-text remark; submit(comment) returns a promise. */
  function remarkBox(submit, cancel, labelText) {
    var wrapper = el("form", "wgw-remark");
    wrapper.id = nextId("remark");
    wrapper.setAttribute("novalidate", "");
    var fieldId = nextId("remark-text");
    var lab = el("label", null, labelText || t("remark_label"));
    lab.htmlFor = fieldId;
    var area = el("textarea", "wgw-remark-text");
    area.id = fieldId;
    area.rows = 3;
    area.maxLength = w.config.maxChars;
    var row = el("div", "wgw-remark-actions");
    var sendRemark = el("button", "wgw-small-primary", t("remark_send"));
    sendRemark.type = "submit";
    row.appendChild(sendRemark);
    row.appendChild(button("wgw-link-button", t("cancel"), cancel));
    wrapper.appendChild(lab);
    wrapper.appendChild(area);
    wrapper.appendChild(row);
    var status = w.feedbackStatus(wrapper);
    function go() {
      var comment = area.value.trim();
      if (!comment) { status.fail(t("remark_empty")); area.setAttribute("aria-invalid", "true"); area.focus(); return; }
      area.removeAttribute("aria-invalid");
      status.busy();
      sendRemark.disabled = true;
      submit(comment).then(function () {
        status.done(t("thanks_remark"));
        area.value = "";
        sendRemark.disabled = false;
      }, function (error) {
        sendRemark.disabled = false;
        status.fail(w.feedbackErrorText(error), go);
      });
    }
    wrapper.addEventListener("submit", function (event) { event.preventDefault(); go(); });
    return wrapper;
  }

  w.journeyRating = function (card) {
    var box = el("div", "wgw-journey-rate");
    var labelId = nextId("journey");
    var question = el("p", "wgw-rate-label", t("journey_question", { title: card.event_title || "" }));
    question.id = labelId;
    box.appendChild(question);
    var group = el("div", "wgw-rate-buttons");
    group.setAttribute("role", "group");
    group.setAttribute("aria-labelledby", labelId);
    var good = thumbButton(t("journey_up"), false);
    var bad = thumbButton(t("journey_down"), true);
    group.appendChild(good);
    group.appendChild(bad);
    box.appendChild(group);
    var status = w.feedbackStatus(box);
    var chosen = null;
    function rate(value, pressed, other) {
      chosen = value;
      pressed.setAttribute("aria-pressed", "true");
      other.setAttribute("aria-pressed", "false");
      status.busy();
      w.postFeedback({ conversation_id: w.state.sender, kind: "journey_rating", rating: value, life_event: card.event_id })
        .then(function () {
          status.done(t("thanks"));
          if (!box.querySelector(".wgw-remark")) {
            box.appendChild(remarkBox(function (comment) {
              return w.postFeedback({ conversation_id: w.state.sender, kind: "journey_rating", rating: chosen,
                life_event: card.event_id, comment: comment });
            }, function () { var f = box.querySelector(".wgw-remark"); if (f) f.hidden = true; pressed.focus(); },
            t("journey_remark")));
          }
        }, function (error) {
          pressed.setAttribute("aria-pressed", "false");
          status.fail(w.feedbackErrorText(error), function () { rate(value, pressed, other); });
        });
    }
    good.addEventListener("click", function () { rate("up", good, bad); });
    bad.addEventListener("click", function () { rate("down", bad, good); });
    return box;
  };
}
