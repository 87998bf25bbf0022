"""``python -m antq``: the same as the ``antq`` command."""

from antq.cli import run

run()
