"""The `madoguchi` command."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from madoguchi.settings import settings


def _print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def cmd_run(args: argparse.Namespace) -> int:
    from madoguchi.db import open_store
    from madoguchi.supervisor import run_all
    from responses.profiles import load_profile

    config = settings()
    load_profile(config.profile)
    open_store(config.database_url)  # once, before the processes that share the store start
    return run_all(config)


def cmd_chat(args: argparse.Namespace) -> int:
    from bot.client import Assistant
    from madoguchi.cli.talk import chat

    chat(Assistant(settings().rasa_url), args.profile)
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    from bot.client import Assistant
    from madoguchi.cli.talk import ask

    _print_json(ask(Assistant(settings().rasa_url), " ".join(args.text), args.profile, args.lang))
    return 0


def cmd_nlu_eval(args: argparse.Namespace) -> int:
    from bot.client import Assistant
    from madoguchi.cli.nlu_eval import evaluate

    _print_json(evaluate(Assistant(settings().rasa_url, timeout=60), Path(args.file)))
    return 0


def cmd_cases(args: argparse.Namespace) -> int:
    from madoguchi.cli.cases import list_cases, show_case

    return show_case(args.reference) if args.action == "show" else list_cases(args.status)


def cmd_profile_check(args: argparse.Namespace) -> int:
    from responses.errors import ProfileError
    from responses.profiles import available_profiles, load_profile

    failed = 0
    for profile_id in [args.profile] if args.profile else available_profiles():
        try:
            profile = load_profile(profile_id)
            print(f"{profile_id}: ok ({profile.company.name.en})")
        except ProfileError as exc:
            print(f"{exc}", file=sys.stderr)
            failed += 1
    return 1 if failed else 0


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    from madoguchi.db import open_store

    open_store(settings().database_url)
    return 0


def _worker_until_signalled(intake: bool, imap: bool) -> int:
    import signal
    import threading

    from madoguchi.wiring import build_mail_worker

    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    build_mail_worker(settings()).run(stop, intake=intake, imap=imap)
    return 0


def cmd_mail_worker(args: argparse.Namespace) -> int:
    return _worker_until_signalled(intake=True, imap=True)


def cmd_mail_serve(args: argparse.Namespace) -> int:
    return _worker_until_signalled(intake=True, imap=False)


def cmd_mail_poll(args: argparse.Namespace) -> int:
    import threading

    from madoguchi.wiring import build_mail_worker

    worker = build_mail_worker(settings())
    if worker.config.imap is None:
        print("madoguchi mail poll: set MADOGUCHI_IMAP_HOST (and _USER, _PASSWORD...)", file=sys.stderr)
        return 2
    if not args.once:
        return _worker_until_signalled(intake=False, imap=True)
    worker.poll_imap(threading.Event(), once=True)
    worker.send_outbox()
    return 0


def cmd_mail_held(args: argparse.Namespace) -> int:
    from madoguchi.cli.cases import list_held_mail

    return list_held_mail()


def cmd_mail_classify(args: argparse.Namespace) -> int:
    from bot.client import Assistant
    from madoguchi.db import open_store
    from mail.intake.dry_run import triage_report
    from responses.profiles import load_profile

    config = settings()
    sessions = open_store(config.database_url)
    assistant, profile = Assistant(config.rasa_url), load_profile(config.profile)
    _print_json(triage_report(Path(args.file), sessions, assistant, profile, config.mail_from))
    return 0


def cmd_web(args: argparse.Namespace) -> int:
    import uvicorn

    from madoguchi.wiring import build_web_app

    config = settings()
    uvicorn.run(
        build_web_app(config),
        host=config.web_host,
        port=config.web_port,
        log_level="info",
        proxy_headers=True,
        access_log=False,
    )
    return 0


def cmd_staff_create(args: argparse.Namespace) -> int:
    import getpass
    import os

    from desk.auth import create_user
    from madoguchi.db import open_store

    password = os.environ.get("MADOGUCHI_NEW_STAFF_PASSWORD") or getpass.getpass(
        "Password (12+ characters): "
    )
    try:
        with open_store(settings().database_url).begin() as session:
            create_user(session, args.email, args.name, password, args.role)
    except ValueError as exc:
        print(f"madoguchi staff create: {exc}", file=sys.stderr)
        return 2
    print(f"created {args.role} {args.email}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="madoguchi", description="Privacy desk assistant")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("run", help="start the whole assistant").set_defaults(func=cmd_run)
    chat = commands.add_parser("chat", help="talk to the running assistant")
    chat.add_argument("--profile")
    chat.set_defaults(func=cmd_chat)
    ask = commands.add_parser("ask", help="one turn in a fresh conversation, as JSON")
    ask.add_argument("--profile")
    ask.add_argument("--lang", choices=["ja", "en"])
    ask.add_argument("text", nargs="+")
    ask.set_defaults(func=cmd_ask)
    nlu = commands.add_parser("nlu", help="NLU tools").add_subparsers(dest="nlu_command", required=True)
    evaluate = nlu.add_parser("eval", help="score a Rasa NLU YAML file against the running server")
    evaluate.add_argument("file")
    evaluate.set_defaults(func=cmd_nlu_eval)
    cases = commands.add_parser("cases", help="look at cases").add_subparsers(dest="action", required=True)
    listing = cases.add_parser("list")
    listing.add_argument("--status")
    listing.set_defaults(func=cmd_cases)
    show = cases.add_parser("show")
    show.add_argument("reference")
    show.set_defaults(func=cmd_cases)
    profile = commands.add_parser("profile").add_subparsers(dest="profile_command", required=True)
    check = profile.add_parser("check", help="validate one profile or all")
    check.add_argument("profile", nargs="?")
    check.set_defaults(func=cmd_profile_check)
    db = commands.add_parser("db").add_subparsers(dest="db_command", required=True)
    db.add_parser("upgrade", help="apply migrations").set_defaults(func=cmd_db_upgrade)
    mail = commands.add_parser("mail").add_subparsers(dest="mail_command", required=True)
    mail.add_parser("worker", help="everything configured: intake, IMAP, outbox").set_defaults(
        func=cmd_mail_worker
    )
    mail.add_parser("serve", help="the SMTP intake, the runner and the outbox").set_defaults(
        func=cmd_mail_serve
    )
    poll = mail.add_parser("poll", help="poll the IMAP mailbox")
    poll.add_argument("--once", action="store_true", help="one round, then exit")
    poll.set_defaults(func=cmd_mail_poll)
    held = mail.add_parser(
        "held", help="mail waiting for a person: escalated or quarantined, not yet settled"
    )
    held.set_defaults(func=cmd_mail_held)
    classify = mail.add_parser("classify", help="dry run: what would happen to this .eml")
    classify.add_argument("file")
    classify.set_defaults(func=cmd_mail_classify)
    commands.add_parser("web", help="the chat gateway, widget and staff console").set_defaults(func=cmd_web)
    staff = commands.add_parser("staff").add_subparsers(dest="staff_command", required=True)
    create = staff.add_parser("create", help="create a staff account (the first one: a supervisor)")
    create.add_argument("email")
    create.add_argument("--name", required=True)
    create.add_argument("--role", choices=["agent", "supervisor"], default="supervisor")
    create.set_defaults(func=cmd_staff_create)
    return parser


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
