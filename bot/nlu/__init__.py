"""Custom NLU parts loaded by the Rasa server; they import nothing from the app env."""
