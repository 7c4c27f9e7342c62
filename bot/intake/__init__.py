"""Pure rules for collecting a request: what to ask, and whether an answer will do."""
