// The admin's prepopulated slugs (Django's URLify), made as the server makes them
// (citiesofmigration.models.slugify_title): from a French title, an elided word stays a
// word of its own and œ is spelled out, so « Main-d’œuvre d’immigration » gives
// "main-d-oeuvre-d-immigration", not "main-duvre-dimmigration". The title being typed in
// says its language (lang="fr" on the French column's input).
"use strict";
{
  const frenchRules = (text) =>
    text
      .replace(/['’]/g, " ")
      .replace(/œ/g, "oe")
      .replace(/Œ/g, "Oe")
      .replace(/æ/g, "ae");

  const wrap = () => {
    const urlify = window.URLify;
    if (!urlify || urlify.portalWrapped) return;
    const wrapped = (text, maxLength, allowUnicode) => {
      const source = window.event && window.event.target;
      const element = source instanceof Element ? source.closest("[lang]") : null;
      const french = element !== null && element.lang === "fr";
      return urlify(french ? frenchRules(text) : text, maxLength, allowUnicode);
    };
    wrapped.portalWrapped = true;
    window.URLify = wrapped;
  };

  wrap();
  document.addEventListener("DOMContentLoaded", wrap);
}
