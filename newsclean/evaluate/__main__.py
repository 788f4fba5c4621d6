"""Score the labeller on labelled pages: ``python -m newsclean.evaluate PATH...``."""

import sys

from newsclean.evaluate.measure import main

sys.exit(main())
