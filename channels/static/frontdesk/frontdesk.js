/* Wegwijzer front desk: plain JavaScript, no build step. Texts are inserted with textContent only. */
(function () {
  "use strict";

  var API = "api/";
  var state = { event: null, answers: {}, plan: null, requestId: 0 };

  var $ = function (id) { return document.getElementById(id); };
  var classifyForm = $("classify-form");
  var situationText = $("situation-text");
  var situationError = $("situation-error");
  var classifyResult = $("classify-result");
  var eventSelect = $("event-select");
  var details = $("details");
  var detailsTitle = $("details-title");
  var eventDescription = $("event-description");
  var planForm = $("plan-form");
  var questionsBox = $("questions");
  var eventDate = $("event-date");
  var eventDateLabel = $("event-date-label-text");
  var municipality = $("municipality");
  var municipalityList = $("municipality-list");
  var statusBox = $("desk-status");
  var errorBox = $("desk-error");
  var planBox = $("plan");

  var CHANNELS = { online: "Online", telefoon: "Telefoon", loket: "Aan het loket", post: "Per post", "e-mail": "Per e-mail" };

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function isHttpUrl(url) { return typeof url === "string" && /^https?:\/\/[^\s]+$/i.test(url); }
  function link(url, label) {
    if (!isHttpUrl(url)) return el("span", null, label || "");
    var a = el("a", null, label || url);
    a.href = url;
    a.rel = "noopener noreferrer";
    a.target = "_blank";
    var sr = el("span", "sr-only", " (opent in een nieuw venster)");
    a.appendChild(sr);
    return a;
  }
  function upperFirst(text) { return text ? text.charAt(0).toUpperCase() + text.slice(1) : text; }

  function say(text) { statusBox.textContent = text; }
  function fail(text) { errorBox.textContent = text; }

  function api(path, body) {
    var options = { credentials: "same-origin", headers: { Accept: "application/json", "X-Wegwijzer-Request": "1" } };
    if (body !== undefined) {
      options.method = "POST";
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    return fetch(API + path, options).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (data) {
        if (r.ok) return data;
        var error = new Error(data.detail || ("HTTP " + r.status));
        error.status = r.status;
        error.detail = data.detail;
        throw error;
      });
    }, function () {
      var error = new Error("network");
      error.status = 0;
      throw error;
    });
  }
  function explain(error) {
    if (error.status === 401) return "U bent niet meer aangemeld. Laad de pagina opnieuw en meld u aan.";
    if (error.status === 400) return "Deze gegevens kloppen niet: " + (error.detail || "kijk de velden na") + ".";
    if (error.status === 503) return "Het systeem is nog aan het opstarten. Probeer het over een halve minuut opnieuw.";
    if (error.status === 0) return "De server is niet bereikbaar. Kijk uw verbinding na en probeer opnieuw.";
    return "Er ging iets mis (" + error.status + "). Probeer het opnieuw.";
  }

  // ---- Life events list ------------------------------------------------------------------------
  var events = {};
  function loadEvents() {
    return api("events").then(function (data) {
      var groups = {};
      data.events.forEach(function (event) {
        events[event.id] = event;
        var group = groups[event.audience];
        if (!group) {
          group = el("optgroup");
          group.label = event.audience_label;
          groups[event.audience] = group;
          eventSelect.appendChild(group);
        }
        var option = el("option", null, event.title);
        option.value = event.id;
        group.appendChild(option);
      });
    }).catch(function (error) { fail(explain(error)); });
  }
  function loadMunicipalities() {
    api("municipalities").then(function (data) {
      data.municipalities.forEach(function (name) {
        var option = el("option");
        option.value = name;
        municipalityList.appendChild(option);
      });
    }).catch(function () { /* the field still accepts typed names */ });
  }

  // ---- Classification ---------------------------------------------------------------------------
  classifyForm.addEventListener("submit", function (event) {
    event.preventDefault();
    errorBox.textContent = "";
    situationError.textContent = "";
    var text = situationText.value.trim();
    if (!text) {
      situationText.setAttribute("aria-invalid", "true");
      situationError.textContent = "Beschrijf eerst de situatie.";
      situationText.focus();
      return;
    }
    if (text.length > 2000) {
      situationText.setAttribute("aria-invalid", "true");
      situationError.textContent = "Gebruik maximaal 2000 tekens.";
      situationText.focus();
      return;
    }
    situationText.removeAttribute("aria-invalid");
    classifyResult.textContent = "Bezig met herkennen…";
    api("classify", { text: text }).then(showClassification, function (error) {
      classifyResult.textContent = "";
      fail(explain(error));
    });
  });

  function showClassification(result) {
    classifyResult.textContent = "";
    if (!result.events.length) {
      classifyResult.appendChild(el("p", null, "Ik herken geen situatie in deze beschrijving. Kies de situatie uit de lijst hieronder."));
      return;
    }
    var intro = result.events.length === 1 ? "Herkende situatie:" : "Herkende situaties (de dringendste eerst):";
    classifyResult.appendChild(el("p", null, intro));
    var list = el("ul", "suggestions");
    result.events.forEach(function (event, index) {
      var item = el("li");
      var choose = el("button", index === 0 ? "primary" : "secondary", "Kies: " + event.title);
      choose.type = "button";
      choose.addEventListener("click", function () {
        eventSelect.value = event.id;
        chooseEvent(event.id, { date: result.event_date, municipality: result.municipality });
      });
      item.appendChild(choose);
      list.appendChild(item);
    });
    classifyResult.appendChild(list);
    var found = [];
    if (result.event_date) found.push("datum " + result.event_date);
    if (result.municipality) found.push("gemeente " + result.municipality);
    if (found.length) classifyResult.appendChild(el("p", "hint", "Ook gevonden in de beschrijving: " + found.join(", ") + "."));
    if (result.needs_integral_guidance) {
      classifyResult.appendChild(el("p", "notice", "Er spelen meerdere moeilijke situaties tegelijk. Stel voor om samen met het Sociaal Huis of het CAW te kijken."));
    }
  }

  // ---- Choosing an event and answering its questions --------------------------------------------
  eventSelect.addEventListener("change", function () {
    if (eventSelect.value) chooseEvent(eventSelect.value, {});
  });

  function chooseEvent(eventId, found) {
    var event = events[eventId];
    if (!event) return;
    state.event = event;
    state.answers = {};
    eventDate.value = found.date || "";
    if (found.municipality) municipality.value = found.municipality;
    eventDescription.textContent = event.title + ". " + event.description;
    questionsBox.textContent = "";
    details.hidden = false;
    api("events/" + encodeURIComponent(eventId)).then(function (info) {
      eventDateLabel.textContent = upperFirst(info.event_date_label) + " (datum van de gebeurtenis)";
      renderQuestions(info.questions);
      detailsTitle.focus();
      return refreshPlan(false);
    }).catch(function (error) { fail(explain(error)); });
  }

  function renderQuestions(questions) {
    questionsBox.textContent = "";
    if (!questions.length) {
      questionsBox.appendChild(el("p", "hint", "Voor deze situatie zijn er geen vragen: het plan is voor iedereen hetzelfde."));
      return;
    }
    questionsBox.appendChild(el("p", "hint", "Deze vragen veranderen het plan. Stel ze aan de burger. \"Weet ik niet\" mag altijd."));
    questions.forEach(function (question) {
      var fieldset = el("fieldset", "question");
      fieldset.id = "question-" + question.id;
      var legend = el("legend", null, question.text);
      var badge = el("span", "badge badge-pending", "nog te vragen");
      badge.id = "question-badge-" + question.id;
      legend.appendChild(document.createTextNode(" "));
      legend.appendChild(badge);
      fieldset.appendChild(legend);
      question.options.forEach(function (option) {
        var id = "answer-" + question.id + "-" + option.value;
        var wrap = el("div", "choice");
        var radio = el("input");
        radio.type = "radio";
        radio.name = "answer-" + question.id;
        radio.id = id;
        radio.value = option.value;
        radio.checked = question.answer === option.value;
        radio.addEventListener("change", function () {
          state.answers[question.id] = option.value;
          refreshPlan(false);
        });
        var label = el("label", null, option.label);
        label.htmlFor = id;
        wrap.appendChild(radio);
        wrap.appendChild(label);
        fieldset.appendChild(wrap);
      });
      questionsBox.appendChild(fieldset);
    });
  }

  function markPending(questions) {
    questions.forEach(function (question) {
      var badge = $("question-badge-" + question.id);
      if (!badge) return;
      badge.textContent = question.pending ? "nog te vragen" : "beantwoord";
      badge.className = "badge " + (question.pending ? "badge-pending" : "badge-done");
    });
  }

  planForm.addEventListener("submit", function (event) {
    event.preventDefault();
    refreshPlan(true);
  });
  eventDate.addEventListener("change", function () { refreshPlan(false); });
  municipality.addEventListener("change", function () { refreshPlan(false); });

  function refreshPlan(focusPlan) {
    if (!state.event) return Promise.resolve();
    errorBox.textContent = "";
    var requestId = ++state.requestId;
    var body = {
      event_id: state.event.id,
      answers: state.answers,
      event_date: eventDate.value || null,
      municipality: municipality.value.trim() || null
    };
    return api("plan", body).then(function (plan) {
      if (requestId !== state.requestId) return;
      state.plan = plan;
      markPending(plan.questions);
      renderPlan(plan);
      say("Stappenplan bijgewerkt: " + plan.summary.total + " stappen, waarvan " + plan.summary.automatic + " automatisch.");
      if (focusPlan) $("plan-title").focus();
    }, function (error) {
      if (requestId === state.requestId) fail(explain(error));
    });
  }

  // ---- The plan (screen and print) ----------------------------------------------------------------
  function factRow(dl, term, detail) {
    dl.appendChild(el("dt", null, term));
    var dd = el("dd");
    if (typeof detail === "string") dd.textContent = detail; else dd.appendChild(detail);
    dl.appendChild(dd);
  }

  function renderStep(step) {
    var item = el("li", "step" + (step.automatic ? " step-auto" : "") + (step.conditional ? " step-conditional" : ""));
    item.id = "step-" + step.step_id;
    var head = el("div", "step-head");
    var checkId = "done-" + step.step_id;
    var check = el("input", "step-check");
    check.type = "checkbox";
    check.id = checkId;
    var checkLabel = el("label", "step-check-label");
    checkLabel.htmlFor = checkId;
    checkLabel.appendChild(el("span", "step-number", "Stap " + step.number + " van " + step.total));
    checkLabel.appendChild(el("span", "step-title", step.title));
    head.appendChild(check);
    head.appendChild(checkLabel);
    item.appendChild(head);
    if (step.automatic) {
      var auto = el("p", "auto-note");
      auto.appendChild(el("strong", null, "Automatisch — de burger hoeft niets te doen."));
      if (step.automatic_reason) auto.appendChild(document.createTextNode(" " + step.automatic_reason));
      item.appendChild(auto);
    }
    if (step.conditional) item.appendChild(el("p", "conditional-note", "Geldt misschien: dat hangt af van een vraag die nog niet beantwoord is."));
    item.appendChild(el("p", "step-what", step.what_to_do));
    var dl = el("dl", "facts");
    factRow(dl, "Wie", step.executing.authority + " (" + step.executing.level_name + ")");
    if (step.competent.authority !== step.executing.authority) {
      factRow(dl, "Bevoegd", step.competent.authority + " (" + step.competent.level_name + ")");
    }
    if (step.deadline) {
      var when = step.deadline.text;
      if (step.deadline.due_date_text) when += ": uiterlijk op " + step.deadline.due_date_text;
      factRow(dl, "Wanneer", when);
    }
    if (step.channels.length) {
      var channels = el("ul");
      step.channels.forEach(function (c) {
        var li = el("li");
        li.appendChild(document.createTextNode((CHANNELS[c.type] || c.type) + ": "));
        li.appendChild(link(c.url, c.name));
        if (isHttpUrl(c.url)) li.appendChild(el("span", "print-url", " (" + c.url + ")"));
        channels.appendChild(li);
      });
      factRow(dl, "Hoe of waar", channels);
    }
    if (step.needs_counter) factRow(dl, "Ter plaatse", "Deze stap doet de burger aan het loket.");
    if (step.documents.length) {
      var docs = el("ul");
      step.documents.forEach(function (d) { docs.appendChild(el("li", null, d)); });
      factRow(dl, "Meebrengen", docs);
    }
    if (step.costs) factRow(dl, "Kosten", step.costs);
    var source = el("span");
    source.appendChild(link(step.source_url, step.source_url));
    source.appendChild(document.createTextNode(" (nagekeken op " + step.checked_on_text + ")"));
    factRow(dl, "Bron", source);
    item.appendChild(dl);
    return item;
  }

  function renderContacts(place) {
    var section = el("section", "contacts");
    section.setAttribute("aria-labelledby", "contacts-title");
    var heading = el("h3", null, "Waar kan de burger terecht?");
    heading.id = "contacts-title";
    section.appendChild(heading);
    if (!place.found) {
      section.appendChild(el("p", "notice", place.message));
      return section;
    }
    section.appendChild(el("p", null, "Gemeente: " + place.name + (place.province ? " (" + place.province + ")" : "") + "."));
    if (!place.in_flanders) {
      section.appendChild(el("p", "notice", place.name + " ligt niet in Vlaanderen. Sommige stappen en rechten kunnen daar anders zijn."));
    }
    if (place.candidates.length) {
      section.appendChild(el("p", "hint", "Deze naam kan ook wijzen op: " + place.candidates.join(", ") + "."));
    }
    if (place.service_points.length) {
      var list = el("ul", "service-points");
      place.service_points.forEach(function (p) {
        var li = el("li");
        li.appendChild(el("strong", null, p.name));
        li.appendChild(document.createTextNode(" — " + p.kind_label));
        var dl = el("dl", "facts");
        if (p.address) factRow(dl, "Adres", p.address);
        if (p.phone) factRow(dl, "Telefoon", p.phone);
        if (p.opening_hours) factRow(dl, "Open", p.opening_hours);
        if (p.url) {
          var site = el("span");
          site.appendChild(link(p.url, p.url));
          factRow(dl, "Website", site);
        }
        if (p.note) factRow(dl, "Let op", p.note);
        var src = el("span");
        src.appendChild(link(p.source_url, p.source_url));
        src.appendChild(document.createTextNode(" (nagekeken op " + p.checked_on_text + ")"));
        factRow(dl, "Bron", src);
        li.appendChild(dl);
        list.appendChild(li);
      });
      section.appendChild(list);
    } else if (place.fallback) {
      section.appendChild(el("p", null, place.fallback.text));
      var fb = el("p", "hint");
      fb.appendChild(document.createTextNode("Bron: "));
      fb.appendChild(link(place.fallback.source_url, place.fallback.source_url));
      fb.appendChild(document.createTextNode(" (nagekeken op " + place.fallback.checked_on_text + ")"));
      section.appendChild(fb);
    }
    return section;
  }

  function renderPlan(plan) {
    planBox.textContent = "";
    planBox.hidden = false;
    var printHead = el("p", "print-only print-brand", "Wegwijzer · Uw persoonlijk stappenplan");
    planBox.appendChild(printHead);
    var title = el("h2", null, "Stappenplan: " + plan.event.title);
    title.id = "plan-title";
    title.tabIndex = -1;
    planBox.appendChild(title);

    var meta = el("dl", "plan-meta");
    var dateTerm = el("span");
    dateTerm.appendChild(el("span", "no-print", "Gemaakt op"));
    dateTerm.appendChild(el("span", "print-only", "Afgedrukt op"));
    var dateValue = el("span", "printed-on", plan.printed_on_text);
    meta.appendChild(el("dt")).appendChild(dateTerm);
    meta.appendChild(el("dd")).appendChild(dateValue);
    factRow(meta, upperFirst(plan.event.event_date_label), plan.event_date_text || "niet opgegeven");
    if (plan.municipality && plan.municipality.found) factRow(meta, "Gemeente", plan.municipality.name);
    planBox.appendChild(meta);

    var summary = plan.summary.total + " stappen";
    if (plan.summary.automatic) summary += ". " + plan.summary.automatic + " daarvan gebeuren automatisch: de burger hoeft er niets voor te doen";
    if (plan.summary.conditional) summary += ". " + plan.summary.conditional + " gelden misschien, afhankelijk van een antwoord dat nog niet gekend is";
    planBox.appendChild(el("p", "plan-summary", summary + "."));
    if (plan.needs_event_date) {
      planBox.appendChild(el("p", "notice no-print", "Vul de datum van de gebeurtenis in: dan ziet u de uiterste dag van elke stap."));
    }
    if (plan.pending_questions.length) {
      var open = plan.questions.filter(function (q) { return q.pending; }).map(function (q) { return q.text; });
      planBox.appendChild(el("p", "notice no-print", "Nog te vragen: " + open.join(" ")));
    }

    var actions = el("div", "plan-actions no-print");
    var printButton = el("button", "primary", "Stappenplan afdrukken");
    printButton.type = "button";
    printButton.addEventListener("click", function () { window.print(); });
    actions.appendChild(printButton);
    planBox.appendChild(actions);

    var stepsHeading = el("h3", null, "Stappen");
    planBox.appendChild(stepsHeading);
    var steps = el("ol", "steps");
    plan.steps.forEach(function (step) { steps.appendChild(renderStep(step)); });
    planBox.appendChild(steps);

    if (plan.rights.length) {
      var rights = el("section", "rights");
      rights.setAttribute("aria-labelledby", "rights-title");
      var rightsTitle = el("h3", null, "Rechten die de burger misschien heeft");
      rightsTitle.id = "rights-title";
      rights.appendChild(rightsTitle);
      var list = el("ul");
      plan.rights.forEach(function (right) {
        var li = el("li", right.automatic ? "right-auto" : "right-request");
        li.appendChild(el("strong", null, right.title));
        li.appendChild(document.createTextNode(" — " + right.description + " "));
        li.appendChild(el("span", "badge " + (right.automatic ? "badge-auto" : "badge-request"),
          right.automatic ? "Automatisch" : "Aanvragen"));
        if (!right.automatic) li.appendChild(el("span", "right-where", " Waar: " + right.where_to_request));
        var src = el("span", "right-source");
        src.appendChild(document.createTextNode(" Bron: "));
        src.appendChild(link(right.source_url, right.source_url));
        src.appendChild(document.createTextNode(" (nagekeken op " + right.checked_on_text + ")"));
        li.appendChild(src);
        list.appendChild(li);
      });
      rights.appendChild(list);
      planBox.appendChild(rights);
    }

    if (plan.municipality) planBox.appendChild(renderContacts(plan.municipality));

    var footer = el("p", "plan-footer",
      "De informatie in dit stappenplan is nagekeken op de vermelde data. Regels kunnen veranderen: kijk bij twijfel de bron na. " +
      "Vragen? Bel gratis 1700, het informatienummer van de Vlaamse overheid.");
    planBox.appendChild(footer);
  }

  // The printed plan carries the day it is printed, also when the page stayed open overnight.
  var DAYS = ["zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"];
  var MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
    "oktober", "november", "december"];
  window.addEventListener("beforeprint", function () {
    var now = new Date();
    var text = DAYS[now.getDay()] + " " + now.getDate() + " " + MONTHS[now.getMonth()] + " " + now.getFullYear();
    Array.prototype.forEach.call(document.querySelectorAll(".printed-on"), function (node) { node.textContent = text; });
  });

  loadEvents();
  loadMunicipalities();
})();
