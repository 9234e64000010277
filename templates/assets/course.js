/* Course page extras that need JavaScript: copy the link, print. Without JavaScript the buttons stay hidden
   and the mail link still works. */
(function () {
  "use strict";
  var status = document.querySelector("[data-share-status]");
  function say(text) { if (status) status.textContent = text; }

  Array.prototype.forEach.call(document.querySelectorAll("[data-needs-js]"), function (item) {
    var button = item.querySelector("button");
    if (button && button.hasAttribute("data-copy-link") && !(navigator.clipboard && window.isSecureContext)) return;
    item.hidden = false;
  });

  var copy = document.querySelector("[data-copy-link]");
  if (copy) {
    copy.addEventListener("click", function () {
      navigator.clipboard.writeText(copy.getAttribute("data-copy-link")).then(
        function () { say("De link is gekopieerd. Plak hem in een bericht of mail."); },
        function () { say("Kopiëren lukte niet. Kopieer het adres uit de adresbalk."); }
      );
    });
  }
  var print = document.querySelector("[data-print]");
  if (print) print.addEventListener("click", function () { window.print(); });
})();
