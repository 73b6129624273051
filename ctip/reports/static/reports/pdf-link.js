// A PDF takes a few seconds the first time it is made: say so while the browser waits.
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a[data-preparing]");
  if (!link) return;
  var note = document.createElement("span");
  note.className = "pdf-preparing";
  note.setAttribute("role", "status");
  note.setAttribute("data-testid", "pdf-preparing");
  note.textContent = " " + link.getAttribute("data-preparing");
  if (!link.nextElementSibling || link.nextElementSibling.className !== "pdf-preparing") {
    link.after(note);
  }
  window.setTimeout(function () { note.remove(); }, 20000);
});
