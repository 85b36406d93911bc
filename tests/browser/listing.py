"""Driving a faceted list page as a visitor does."""


def results_updated(page):
    """Wait until the list's script has put the results of the last change in place
    (it marks the results region busy while it fetches them; the page is not reloaded)."""
    page.locator("[data-listing-results][aria-busy=false]").wait_for(state="attached")


def tick(page, checkbox):
    """Tick a filter value: the results and counts update in place."""
    checkbox.check()
    results_updated(page)
