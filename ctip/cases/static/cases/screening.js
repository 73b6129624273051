// The screening form survives a lost connection, like a partner's framework report
// (ctip/frameworks/static/frameworks/draft.js): every answer is kept on this phone
// (localStorage) until the server has it. The form holds no name and no free text.
// Saving goes through fetch; when the network is down the answers stay here and the page
// says so; when the page opens again, answers newer than the server's copy come back.
(function () {
  "use strict";
  var form = document.getElementById("screening-form");
  if (!form || !window.localStorage) return;
  var key = "ctip-screening-draft-" + form.dataset.case;
  var notice = document.getElementById("draft-notice");

  function say(text) {
    notice.textContent = text;
    notice.hidden = false;
  }

  function fields() {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.name !== "csrfmiddlewaretoken" && el.type !== "submit";
    });
  }

  function keep() {
    var values = {};
    fields().forEach(function (el) {
      if (el.type === "checkbox" || el.type === "radio") {
        values[el.name + "=" + el.value] = el.checked;
      } else {
        values[el.name] = el.value;
      }
    });
    localStorage.setItem(key, JSON.stringify({ server: form.dataset.updated, values: values }));
  }

  function restore(values) {
    fields().forEach(function (el) {
      if (el.type === "checkbox" || el.type === "radio") {
        var name = el.name + "=" + el.value;
        if (Object.prototype.hasOwnProperty.call(values, name)) el.checked = values[name];
      } else if (Object.prototype.hasOwnProperty.call(values, el.name)) {
        el.value = values[el.name];
      }
    });
  }

  var kept = null;
  try { kept = JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { kept = null; }
  if (kept && kept.server === form.dataset.updated) {
    restore(kept.values);
    say(form.dataset.restored);
  } else if (kept) {
    localStorage.removeItem(key);  // the case changed on the server since: it wins
  }

  form.addEventListener("input", keep);
  form.addEventListener("change", keep);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    keep();
    var data = new FormData(form);
    fetch(form.getAttribute("action") || window.location.href, { method: "POST", body: data,
      credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        if (response.redirected) {  // saved: the server sends the case page
          localStorage.removeItem(key);
          window.location.href = response.url;
          return;
        }
        return response.text().then(function (html) {  // the form again, with its errors
          document.open(); document.write(html); document.close();
        });
      })
      .catch(function () { say(form.dataset.offline); });
  });
})();
