// Progressive enhancement for filter forms: apply a filter or sort as soon as it changes.
// Without JavaScript the "Apply filters" button does the same.
document.querySelectorAll("form[data-autosubmit]").forEach(function (form) {
  form.addEventListener("change", function (event) {
    if (event.target.matches("input[type=checkbox], select")) {
      form.requestSubmit();
    }
  });
});
