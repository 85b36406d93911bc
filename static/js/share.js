// Progressive enhancement for includes/share.html: a "Copy link" button. Without
// JavaScript the page still shows the address in a read-only field and a mailto: link.
(function () {
  document.querySelectorAll("button[data-copy-from]").forEach(function (button) {
    var field = document.getElementById(button.getAttribute("data-copy-from"));
    var status = button.closest(".share").querySelector(".share__status");
    if (!field || !navigator.clipboard || !window.isSecureContext) {
      return; // no clipboard API (e.g. plain http): the field stays for copying by hand
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(field.value).then(
        function () {
          status.textContent = button.getAttribute("data-copied");
        },
        function () {
          field.select();
          status.textContent = button.getAttribute("data-failed");
        }
      );
    });
  });
  // Clicking into the read-only field selects the whole address, ready to copy.
  document.querySelectorAll(".share__url").forEach(function (field) {
    field.addEventListener("focus", function () {
      field.select();
    });
  });
})();
