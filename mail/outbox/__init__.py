"""Mail out: composing what `cases.outbox` queued, printing the request form, sending with retry."""
