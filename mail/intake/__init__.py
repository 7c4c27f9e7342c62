"""Mail in: the SMTP intake and IMAP poller store first; the runner acts on each stored message."""
