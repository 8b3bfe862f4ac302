import sys

from ieum.cli import main

sys.exit(main())
