"""The desk: the website chat gateway and widget, and the staff console."""
