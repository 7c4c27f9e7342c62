"""The case store and its rules: models, CaseService, states, regimes, deadlines, the outbox queue.

Imports only `responses` (docs/architecture.md).
"""
