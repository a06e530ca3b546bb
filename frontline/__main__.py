"""`python -m frontline` is the `frontline` command."""
from frontline.cli import app

app()
