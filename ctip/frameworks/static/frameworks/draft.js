// A unit report's draft survives a lost connection: every change is kept on this device
// (localStorage) until the server has it. Saving goes through fetch; when the network is
// down the draft stays here and the page says so; when the page opens again, a draft newer
// than the server's copy is put back into the form.
(function () {
  "use strict";
  var form = document.getElementById("unit-report");
  if (!form || !window.localStorage) return;
  var key = "ctip-framework-draft-" + form.dataset.report;
  var notice = document.getElementById("draft-notice");

  function say(text) {
    notice.textContent = text;
    notice.hidden = false;
  }

  function fields() {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && /^(value|comment|narrative)-/.test(el.name);
    });
  }

  function keep() {
    var values = {};
    fields().forEach(function (el) { values[el.name] = el.value; });
    localStorage.setItem(key, JSON.stringify({ saved: new Date().toISOString(),
      server: form.dataset.updated, values: values }));
  }

  var kept = null;
  try { kept = JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { kept = null; }
  if (kept && kept.server === form.dataset.updated) {
    fields().forEach(function (el) {
      if (Object.prototype.hasOwnProperty.call(kept.values, el.name)) el.value = kept.values[el.name];
    });
    say(form.dataset.restored || "Your unsaved changes on this device are back in the form. Save the draft to send them.");
  } else if (kept) {
    localStorage.removeItem(key);  // the server's copy changed since: it wins
  }

  form.addEventListener("input", keep);
  form.addEventListener("change", keep);
  form.addEventListener("submit", function (event) {
    var button = event.submitter;
    if (!button || button.value !== "save") return;  // a submission goes the ordinary way
    event.preventDefault();
    keep();
    var data = new FormData(form);
    data.append("action", "save");
    // (form.action is the buttons named "action", not the form's address)
    fetch(form.getAttribute("action") || window.location.href, { method: "POST", body: data,
      credentials: "same-origin", headers: { "X-CTIP-Draft": "1" } })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        localStorage.removeItem(key);
        window.location.reload();
      })
      .catch(function () {
        say(form.dataset.offline || "No connection: your draft is kept on this device. Save again when you are back online.");
      });
  });
})();
