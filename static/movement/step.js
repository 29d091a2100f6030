/* Guided passive movement: big −/+ buttons for the repetition counter, and the
   red-flag advice as soon as "swelling" or "possible blood clot" is chosen.
   The page works without this file: the counter is a number field, and the
   advice is shown after "Stop" is sent. */
(function () {
  "use strict";

  document.querySelectorAll(".counter-row").forEach(function (row) {
    var input = row.querySelector("input[data-counter]");
    if (!input) { return; }
    row.querySelectorAll("[data-counter-step]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var max = parseInt(input.max, 10) || 99;
        var value = (parseInt(input.value, 10) || 0) + parseInt(button.dataset.counterStep, 10);
        input.value = Math.max(0, Math.min(max, value));
      });
    });
  });

  var reasons = document.querySelector("[data-red-flag-values]");
  var hint = document.querySelector("[data-red-flag-hint]");
  if (reasons && hint) {
    var flagged = reasons.dataset.redFlagValues.split(" ");
    var update = function () {
      var chosen = reasons.querySelector("input:checked");
      hint.hidden = !(chosen && flagged.indexOf(chosen.value) !== -1);
    };
    reasons.addEventListener("change", update);
    update();
  }
})();
