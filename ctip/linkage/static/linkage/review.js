// Keyboard shortcuts for the review queue: a = same person, r = different people.
// The page works without this file: the buttons are plain form buttons.
document.addEventListener("keydown", function (event) {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  var target = event.target;
  if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.isContentEditable)) return;
  var id = { a: "accept", r: "reject" }[event.key];
  var button = id && document.getElementById(id);
  if (button) {
    event.preventDefault();
    button.click();
  }
});
