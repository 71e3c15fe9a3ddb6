// The front desk's JSON API (same origin, staff session, CSRF header on every change).

export function api(path, body) {
  var options = { credentials: "same-origin", headers: { Accept: "application/json", "X-Wegwijzer-Request": "1" } };
  if (body !== undefined) {
    options.method = "POST";
    options.headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(body);
  }
  return fetch("api/" + path, options).then(function (r) {
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

/** The sentence for staff that says what went wrong. ``t``: the front desk's text function. */
export function explain(t, error) {
  if (error.status === 401) return t("logged_out");
  if (error.status === 400) return t("bad_input", { detail: error.detail || t("bad_input_default") });
  if (error.status === 503) return t("starting");
  if (error.status === 0) return t("unreachable");
  return t("failed", { status: error.status });
}
