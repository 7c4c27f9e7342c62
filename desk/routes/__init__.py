"""The staff console's routes, one module per resource; handlers call services, never SQL."""
