"""`python -m madoguchi`: the same as the `madoguchi` command."""

import sys

from madoguchi.cli.main import main

sys.exit(main())
