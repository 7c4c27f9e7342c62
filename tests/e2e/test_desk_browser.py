"""The website chat and the desk console in headless Chromium (Debian's, never downloaded)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from cases.db import session_factory
from desk.auth import create_user
from tests.conftest import _require
from tests.factories import new_request

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
STAFF_PASSWORD = "desk-password-for-tests"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    _require(os.path.exists(CHROMIUM), "Debian's chromium is not installed")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def staff_account(stack) -> str:
    email = "sato@desk.example"
    with session_factory(stack.database_url).begin() as session:
        create_user(session, email, "佐藤 花子", STAFF_PASSWORD, "supervisor")
    return email


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def customer(browser: Browser, stack, lang: str) -> Page:
    page = browser.new_context(viewport={"width": 390, "height": 780}, locale=lang).new_page()
    page.on("dialog", lambda dialog: pytest.fail(f"a script ran: {dialog.message}"))
    page.goto(f"{stack.web_url}/?lang={lang}")
    page.get_by_test_id("launcher").click()
    expect(page.get_by_test_id("panel")).to_be_visible()
    return page


def say(page: Page, text: str) -> None:
    page.get_by_test_id("input").fill(text)
    page.get_by_test_id("send").click()


def last_line(page: Page, sender: str):
    return page.locator(f'[data-testid="message"][data-sender="{sender}"]').last


def staff_console(browser: Browser, stack, email: str, lang: str) -> Page:
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.on("dialog", lambda dialog: pytest.fail(f"a script ran in the console: {dialog.message}"))
    page.goto(f"{stack.web_url}/desk/login?lang={lang}")
    page.fill('input[name="email"]', email)
    page.fill('input[name="password"]', STAFF_PASSWORD)
    page.click('button[type="submit"]')
    expect(page).to_have_url(f"{stack.web_url}/desk/")
    return page


@pytest.mark.parametrize(
    ("lang", "hello", "person", "staff_line", "customer_line", "question", "answer"),
    [
        (
            "ja",
            "こんにちは",
            "担当者と話したいです",
            "担当の佐藤です。ご用件を伺います。",
            "<script>alert('x')</script><img src=x onerror=alert(1)>請求書の送り先を教えてください",
            "開示請求の手数料はいくらですか",
            "2,500",
        ),
        (
            "en",
            "Hello",
            "Can I talk to a real person please",
            "Hello, this is Sato from the desk.",
            "<script>alert('x')</script><img src=x onerror=alert(1)> where do I post the form?",
            "How much is the fee for a disclosure request?",
            "2,500",
        ),
    ],
)
def test_a_customer_asks_for_a_person_and_gets_the_bot_back(
    browser, stack, staff_account, lang, hello, person, staff_line, customer_line, question, answer
):
    chat = customer(browser, stack, lang)
    say(chat, hello)
    expect(last_line(chat, "bot")).to_be_visible(timeout=30_000)
    shot(chat, f"widget-{lang}-greeting")
    say(chat, person)
    expect(last_line(chat, "system")).to_be_visible(timeout=30_000)

    desk = staff_console(browser, stack, staff_account, lang)
    shot(desk, f"console-{lang}-dashboard")
    desk.goto(f"{stack.web_url}/desk/queue")
    row = desk.get_by_test_id("queue-row").last
    expect(row).to_be_visible()
    shot(desk, f"console-{lang}-queue")
    row.get_by_role("link").click()
    desk.get_by_test_id("take").click()
    desk.get_by_test_id("reply-text").fill(staff_line)
    desk.get_by_test_id("reply-send").click()

    expect(last_line(chat, "staff").locator(".text")).to_have_text(staff_line, timeout=15_000)
    say(chat, customer_line)
    console_line = desk.locator('[data-testid="line"][data-sender="customer"]').last
    expect(console_line.locator(".text")).to_have_text(customer_line, timeout=15_000)  # shown as text, inert
    assert desk.locator("script", has_text="alert").count() == 0
    shot(desk, f"console-{lang}-conversation")

    desk.get_by_test_id("hand-back").click()
    say(chat, question)
    expect(last_line(chat, "bot")).to_contain_text(answer, timeout=30_000)
    shot(chat, f"widget-{lang}-back-to-bot")


def test_the_conversation_survives_a_reload(browser, stack):
    chat = customer(browser, stack, "en")
    say(chat, "How long do you keep my data?")
    expect(last_line(chat, "bot")).to_be_visible(timeout=30_000)
    lines = chat.get_by_test_id("message").count()
    chat.reload()
    chat.get_by_test_id("launcher").click()
    expect(chat.get_by_test_id("message")).to_have_count(lines, timeout=15_000)


UNKNOWN_ID = "00000000-0000-4000-8000-000000000000"
FORGET = f"""() => {{
  for (const key of Object.keys(localStorage)) {{
    if (key.startsWith("madoguchi.chat.") && !key.endsWith(".lang")) {{
      localStorage.setItem(key, JSON.stringify({{ id: "{UNKNOWN_ID}", token: "x", lastSeq: 3 }}));
    }}
  }}
}}"""


def test_a_conversation_the_desk_does_not_know_starts_over(browser, stack):
    """A stored conversation the desk answers 404 for (a wiped database, say): the next line opens anew."""
    chat = customer(browser, stack, "en")
    say(chat, "How long do you keep my data?")
    expect(last_line(chat, "bot")).to_be_visible(timeout=30_000)
    chat.evaluate(FORGET)
    chat.reload()
    chat.get_by_test_id("launcher").click()
    expect(chat.get_by_test_id("panel")).to_have_attribute("data-connection", "idle")
    expect(chat.get_by_test_id("message")).to_have_count(0)
    expect(chat.get_by_test_id("error")).to_be_empty()  # nothing was shown of it, so nothing is said
    say(chat, "How much is the fee for a disclosure request?")
    expect(last_line(chat, "bot")).to_contain_text("2,500", timeout=30_000)
    expect(chat.get_by_test_id("panel")).to_have_attribute("data-connection", "connected")
    assert chat.get_by_test_id("pending").count() == 0
    assert UNKNOWN_ID not in chat.evaluate("() => JSON.stringify(localStorage)")


def test_case_pages_show_customer_text_inert_and_change_status(browser, stack, staff_account):
    from cases.service import CaseService
    from responses.profiles import load_profile

    hostile = "<script>alert('x')</script><img src=x onerror=alert(1)>"
    with session_factory(stack.database_url).begin() as session:
        new = new_request(
            regime="gdpr",
            language="en",
            channel="mail",
            requester_name=f"Mallory {hostile}",
            requester_email="mallory@example.com",
            acting_for="deputy",
            principal_name="Alice",
            deputy_kind="mandatary",
            details=hostile,
        )
        reference = CaseService(session).open(new, load_profile("actio")).reference
    desk = staff_console(browser, stack, staff_account, "en")
    desk.goto(f"{stack.web_url}/desk/cases?q=mallory")
    shot(desk, "console-en-cases")
    desk.get_by_role("link", name=reference).click()
    expect(desk.get_by_test_id("case-reference")).to_contain_text(reference)
    expect(desk.get_by_text(f"Mallory {hostile}")).to_be_visible()  # the markup is text on the page
    assert desk.locator("img[src=x]").count() == 0
    expect(desk.get_by_test_id("checklist")).to_contain_text("authority")
    desk.get_by_test_id("status-select").select_option("in_progress")
    desk.get_by_test_id("apply-status").click()
    expect(desk.get_by_test_id("case-status")).to_have_text("in progress")
    expect(desk.get_by_test_id("audit")).to_contain_text(f"staff:{staff_account}")
    desk.get_by_test_id("compose").click()
    shot(desk, "console-en-case")
    desk.goto(f"{stack.web_url}/desk/cases?lang=ja")
    shot(desk, "console-ja-cases")


def test_held_mail_is_read_inert_and_becomes_a_case(browser, stack, staff_account):
    from mail.intake.store import store

    raw = (
        "From: Mallory <mallory@example.com>\r\nSubject: <img src=x onerror=alert(1)>\r\n"
        "Message-ID: <held-browser@example.com>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        "<script>alert('x')</script> 保有個人データを開示してください。\r\n"
    ).encode()
    with session_factory(stack.database_url).begin() as session:
        row = store(session, raw, "smtp")
        row.status, row.decision, row.reason = "processed", "escalate", "not clearly understood"
        inbound_id = row.id
    desk = staff_console(browser, stack, staff_account, "ja")
    desk.goto(f"{stack.web_url}/desk/mail?lang=ja")
    shot(desk, "console-ja-held-mail")
    desk.locator(f"a[href='/desk/mail/{inbound_id}']").first.click()
    expect(desk.get_by_test_id("held-subject")).to_have_text("<img src=x onerror=alert(1)>")
    expect(desk.get_by_test_id("held-text")).to_contain_text("<script>alert('x')</script>")
    assert desk.locator("img[src=x]").count() == 0
    shot(desk, "console-ja-held-message")
    desk.get_by_test_id("held-request-type").select_option("request_disclosure")
    desk.get_by_test_id("held-open-case").click()
    expect(desk.get_by_test_id("case-transcript")).to_contain_text("保有個人データを開示してください")


def test_the_widgets_language_reaches_the_bot_and_a_button_answers_its_question(browser, stack):
    """An English widget's first line is an emoji: the answer is English. The deputy button is an answer."""
    chat = customer(browser, stack, "en")
    say(chat, "🙂")
    expect(last_line(chat, "bot")).to_be_visible(timeout=30_000)
    assert not re.search(r"[\u3040-\u30ff]", last_line(chat, "bot").inner_text())
    say(chat, "I want a copy of the data you hold about me")
    expect(chat.get_by_role("button", name="Yes, start")).to_be_visible(timeout=30_000)
    chat.get_by_role("button", name="Yes, start").click()
    expect(last_line(chat, "bot")).to_contain_text("name", timeout=30_000)
    say(chat, "Anna Schmidt")
    expect(last_line(chat, "bot")).to_contain_text("e-mail", timeout=30_000)
    say(chat, "anna@example.de")
    expect(last_line(chat, "bot")).to_contain_text("ountry", timeout=30_000)
    say(chat, "Germany, as I said")
    expect(chat.get_by_role("button", name="For someone else")).to_be_visible(timeout=30_000)
    chat.get_by_role("button", name="For someone else").click()
    expect(last_line(chat, "bot")).to_contain_text("person you are acting for", timeout=30_000)
    shot(chat, "widget-deputy-button")
