"""Mail, by job: reading (pure decoding), rules (pure no-reply rules and the decision table),
intake (SMTP, IMAP, the store and the runner) and outbox (composing and sending).

Every error the package raises on purpose is a `mail.errors.MailError`.
"""
