"""``python -m jzrol``: the same command line as ``jzrol``.

>>> import subprocess, sys
>>> subprocess.run([sys.executable, "-m", "jzrol", "--version"], capture_output=True, text=True).stdout.startswith("jzrol ")
True
"""

import sys

from jzrol.cli import main

if __name__ == "__main__":
    sys.exit(main())
