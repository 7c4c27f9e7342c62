"""Reading one message's bytes into a `ParsedMail`: pure, no store, no network (a contract)."""
