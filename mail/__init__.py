"""Mail: the outbox that sends, and (later) the intake that reads."""
