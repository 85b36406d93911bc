// Filter forms on list pages, as progressive enhancement: without JavaScript the filter
// panel is a plain <details> and the form's buttons submit it as an ordinary GET.
//
// With it, ticking a filter or choosing a sort does not reload the page (a change of
// context on input alone, WCAG 3.2.2): the same URL is fetched for the new query and the
// results and facet counts are swapped in place. The control just used, the results
// count (a polite live region, so the new count is announced) and the reader's scroll
// position stay where they were; the address follows, so the view can be shared.
(function () {
  "use strict";

  var WIDE = window.matchMedia("(min-width: 52.01rem)");

  // Two nodes are "the same part" of the page when they are the same kind of element
  // (a fieldset per facet, the results header, ...).
  function key(node) {
    if (node.nodeType !== 1) return null;
    return node.tagName + "|" + node.className + "|" + (node.getAttribute("data-facet") || "");
  }

  // Replace the children of `box` by those of `fresh`, except `kept` (a child of box, or
  // null), which stays in the document so focus and live-region state survive.
  function swapChildren(box, fresh, kept) {
    var keptKey = kept && key(kept);
    var twinSeen = !kept;
    Array.prototype.slice.call(box.childNodes).forEach(function (node) {
      if (node !== kept) box.removeChild(node);
    });
    Array.prototype.slice.call(fresh.childNodes).forEach(function (node) {
      if (!twinSeen && key(node) === keptKey) {
        twinSeen = true;
      } else if (twinSeen) {
        box.appendChild(node);
      } else {
        box.insertBefore(node, kept);
      }
    });
  }

  function childHolding(box, element) {
    while (element && element.parentNode !== box) element = element.parentNode;
    return element || null;
  }

  function queryOf(form) {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (value !== "") params.append(name, value);
    });
    var query = params.toString();
    return location.pathname + (query ? "?" + query : "");
  }

  function enhance(form) {
    var panel = form.querySelector("[data-filter-panel]");
    var results = form.querySelector("[data-listing-results]");
    var facets = form.querySelector(".facets");
    if (!results || !facets || !window.fetch) return;
    var latest = 0; // only the answer to the latest change is shown
    var shown = location.pathname + location.search;

    // Open on wide screens (the stylesheet already shows it there where it can),
    // closed on phones so the first results are on the first screen.
    function fitPanel() {
      if (panel) panel.open = WIDE.matches;
    }
    fitPanel();
    WIDE.addEventListener("change", fitPanel);

    function apply(doc, focused) {
      var anchor = focused && document.contains(focused) ? focused : results;
      var top = anchor.getBoundingClientRect().top;

      var freshFacets = doc.querySelector(".facets");
      swapChildren(facets, freshFacets, childHolding(facets, focused));

      var header = results.querySelector(".results-header");
      var freshResults = doc.querySelector("[data-listing-results]");
      var count = results.querySelector("#results-count");
      var freshCount = doc.getElementById("results-count");
      swapChildren(results, freshResults, header);
      if (count && freshCount && count.textContent !== freshCount.textContent) {
        count.textContent = freshCount.textContent;
      }

      var summary = form.querySelector("[data-filter-summary]");
      var freshSummary = doc.querySelector("[data-filter-summary]");
      if (summary && freshSummary) summary.textContent = freshSummary.textContent;

      // Keep what the reader was looking at where it was on the screen.
      window.scrollBy(0, anchor.getBoundingClientRect().top - top);
    }

    function update(focused) {
      var url = queryOf(form);
      var ticket = ++latest;
      results.setAttribute("aria-busy", "true");
      fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.text();
        })
        .then(function (html) {
          if (ticket !== latest) return;
          apply(new DOMParser().parseFromString(html, "text/html"), focused);
          history.pushState(null, "", url);
          shown = location.pathname + location.search;
          results.setAttribute("aria-busy", "false");
        })
        .catch(function () {
          if (ticket === latest) location.assign(url); // the plain way still works
        });
    }

    form.addEventListener("change", function (event) {
      if (event.target.matches("input[type=checkbox], select")) update(event.target);
    });

    // Back and Forward between filtered views: show the view the address names. A change
    // of fragment alone (the skip link) fires popstate too, and needs nothing.
    window.addEventListener("popstate", function () {
      if (location.pathname + location.search !== shown) location.reload();
    });
  }

  document.querySelectorAll("form[data-autosubmit]").forEach(enhance);
})();
