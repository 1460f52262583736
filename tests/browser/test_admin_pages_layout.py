"""The pages the service adds to the admin, in Chromium with the real CSP, at 1024, 1280
and 1920 px (issue 17, point 5): nothing the policy blocks, the buttons clear of the
heading, and no sideways scrolling. With ADMIN_SCREENSHOTS set to a folder, each page
is also saved there at each width, to be looked at."""

import os
from pathlib import Path

import pytest

from tests.browser.test_panel import sign_in
from tests.factories import UserFactory
from tests.vvf.test_admin_pages import every_page_the_service_adds

WIDTHS = [1024, 1280, 1920]
OVERLAPS = """() => {
  const box = el => el.getBoundingClientRect();
  const meet = (a, b) =>
    a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  // The page's heading, the record's name under it (a change form's subtitle) and the
  // page's opening text.
  const headings = [...document.querySelectorAll(
    "#content > h1, #content > h2, #content-main > p")];
  const buttons = [...document.querySelectorAll("#content .object-tools a")];
  const name = el => el.textContent.trim();
  const found = [];
  for (const h of headings) for (const b of buttons) {
    if (meet(box(h), box(b))) found.push(name(h) + "/" + name(b));
  }
  buttons.forEach((a, i) => buttons.slice(i + 1).forEach(b => {
    if (meet(box(a), box(b))) found.push(name(a) + "/" + name(b));
  }));
  return found;
}"""


@pytest.fixture
def strict_page(browser, committed_db, live_server):
    """A page that keeps the Content Security Policy, and the policy's complaints."""
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.blocked = []
    page.on(
        "console",
        lambda message: (
            page.blocked.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield page
    context.close()


def test_the_admin_pages_the_service_adds_keep_the_csp_and_do_not_overlap(strict_page):
    page = strict_page
    pages = every_page_the_service_adds()
    sign_in(page, UserFactory(role="VVF staff", is_staff=True))
    folder = os.environ.get("ADMIN_SCREENSHOTS")
    problems = {}

    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for name, url in pages.items():
            page.goto(url)
            if folder:
                path = Path(folder) / f"{name.replace(' ', '-')}-{width}.png"
                page.screenshot(path=str(path), full_page=True)
            found = page.evaluate(OVERLAPS)
            wide = page.evaluate("document.documentElement.scrollWidth") > width
            if found or wide:
                problems[f"{name} at {width}"] = found + (["scrolls sideways"] if wide else [])

    assert problems == {}
    assert page.blocked == []
