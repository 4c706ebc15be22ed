// Behaviour the templates ask for by data attributes, so no page needs inline script (CSP).
(function () {
  "use strict";
  // <button data-confirm="Question?">: the form is sent only when the person agrees.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-confirm]");
    if (button && !window.confirm(button.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });
})();
