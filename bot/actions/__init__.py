"""Custom actions served by rasa-sdk: thin, plain classes that call `cases` and `responses`."""
