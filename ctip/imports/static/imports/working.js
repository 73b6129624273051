// A long sheet takes a while to check or import: say so while the browser waits, and keep
// the button from being pressed twice. Where the form gives a progress address, the page
// asks it every second how far the server has got and shows a progress line (the rows read
// and checked, and how much of the file, where the file tells).
document.addEventListener("submit", function (event) {
  var form = event.target;
  var message = form.getAttribute && form.getAttribute("data-working");
  if (!message) return;
  var status = form.querySelector(".working");
  if (!status) {
    status = document.createElement("p");
    status.className = "working";
    status.setAttribute("role", "status");
    status.setAttribute("data-testid", "working");
    form.appendChild(status);
  }
  status.textContent = message;
  var began = Date.now();
  var progressAddress = form.getAttribute("data-progress");
  var progress = "";
  if (progressAddress && window.crypto && window.fetch) {
    // A key the server files this request's progress under (sent with the form).
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    var key = Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
    var field = document.createElement("input");
    field.type = "hidden";
    field.name = "progress";
    field.value = key;
    form.appendChild(field);
    var rowsText = form.getAttribute("data-progress-rows") || "{rows}";
    var partText = form.getAttribute("data-progress-part") || "{percent}";
    var ask = function () {
      fetch(progressAddress + "&key=" + key, { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : {}; })
        .then(function (state) {
          if (typeof state.rows !== "number") return;
          progress = rowsText.replace("{rows}", state.rows.toLocaleString());
          if (typeof state.fraction === "number") {
            progress += " · " + partText.replace("{percent}", Math.round(state.fraction * 100) + "%");
          }
        })
        .catch(function () {});
    };
    window.setInterval(ask, 1000);
  }
  window.setInterval(function () {
    var seconds = Math.round((Date.now() - began) / 1000);
    status.textContent = message + " (" + seconds + " s)" + (progress ? " — " + progress : "");
  }, 1000);
  form.querySelectorAll("button").forEach(function (button) { button.disabled = true; });
});
