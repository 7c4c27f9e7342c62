"""The `madoguchi` command: one module per group of subcommands, `main` wires them."""
