// The proposal form's city field: when a city suggested by the page's <datalist> is
// chosen, fill in its province and country (the form works without this: the server
// finds a known city by its name, whatever the case or accents).
(function () {
  "use strict";
  const field = document.querySelector("input[list='known-cities']");
  const list = document.getElementById("known-cities");
  if (!field || !list) return;
  const form = field.form;

  function chosenCity() {
    const name = field.value.trim().toLocaleLowerCase();
    const matches = Array.from(list.options).filter(
      (option) => option.value.toLocaleLowerCase() === name
    );
    // Two known cities of that name: the person says which by province and country.
    return matches.length === 1 ? matches[0] : null;
  }

  field.addEventListener("change", function () {
    const city = chosenCity();
    if (!city) return;
    const province = form.elements.namedItem("province");
    const country = form.elements.namedItem("country");
    if (province) province.value = city.dataset.province;
    if (country) country.value = city.dataset.country;
  });
})();
