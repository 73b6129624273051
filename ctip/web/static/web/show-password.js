// "Show password": turns the form's password fields to plain text and back (ASVS 2.1.12).
// A static file, not inline script: the Content-Security-Policy allows only 'self'.
document.querySelectorAll("[data-show-password]").forEach(function (box) {
  box.hidden = false;
  box.querySelector("input").addEventListener("change", function (event) {
    box.closest("form").querySelectorAll("input[data-password]").forEach(function (field) {
      field.type = event.target.checked ? "text" : "password";
    });
  });
});
