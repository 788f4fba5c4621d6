"""Run the newsclean command line: ``python -m newsclean``."""

import sys

from newsclean.cli.main import main

sys.exit(main())
