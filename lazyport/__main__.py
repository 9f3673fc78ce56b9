"""``python -m lazyport COMMAND ...`` (run, info, cache): see :mod:`lazyport.cli`."""

import sys

from lazyport.cli import main

if __name__ == "__main__":
    sys.exit(main())
