"""`python -m devtools.synthetic OUT_DIR [--n 300] [--seed 0]`."""

import sys

from devtools.synthetic.corpus import main

sys.exit(main())
