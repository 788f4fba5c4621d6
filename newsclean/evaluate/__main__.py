"""Score the labeller on labelled pages: ``python -m newsclean.evaluate PATH...``."""

import sys

from newsclean.cli.evaluate import main

sys.exit(main())
