// Progressive enhancement for an event's page: show its time in the visitor's own time
// zone, as the browser knows it. Without JavaScript the page lists a few major zones.
(function () {
  var row = document.querySelector("dd.local-time[data-start]");
  if (!row || !window.Intl || !Intl.DateTimeFormat) {
    return;
  }
  var start = new Date(row.getAttribute("data-start"));
  var end = new Date(row.getAttribute("data-end"));
  if (isNaN(start) || isNaN(end)) {
    return;
  }
  var language = document.documentElement.lang || undefined;
  // Canadian French writes times as "13 h 30" (Le guide du rédacteur); plain "fr" gives "13:30".
  if (language === "fr") {
    language = "fr-CA";
  }
  var day = { weekday: "long", day: "numeric", month: "long", year: "numeric" };
  var time = { hour: "numeric", minute: "2-digit" };
  var zoneName = { hour: "numeric", timeZoneName: "short" };
  var zone = new Intl.DateTimeFormat(language, zoneName)
    .formatToParts(start)
    .filter(function (part) { return part.type === "timeZoneName"; })
    .map(function (part) { return part.value; })
    .join("");
  var sameDay = start.toDateString() === end.toDateString();
  var text =
    start.toLocaleDateString(language, day) + ", " +
    start.toLocaleTimeString(language, time) + " – " +
    (sameDay ? "" : end.toLocaleDateString(language, day) + ", ") +
    end.toLocaleTimeString(language, time) + (zone ? " " + zone : "");
  row.querySelector("[data-local-time]").textContent = text;
  document.querySelectorAll(".local-time").forEach(function (element) {
    element.hidden = false;
  });
})();
