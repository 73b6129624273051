// A long sheet takes a while to check or import: say so while the browser waits, and keep
// the button from being pressed twice.
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
  window.setInterval(function () {
    status.textContent = message + " (" + Math.round((Date.now() - began) / 1000) + " s)";
  }, 1000);
  form.querySelectorAll("button").forEach(function (button) { button.disabled = true; });
});
