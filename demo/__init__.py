"""The demo data: a whole congress to show on a first start (`flask --app kiosk demo`), and the made-up people
the benchmarks use. It stands on top of the features it fills, and nothing of the product imports it."""
from demo import commands


def init_app(app) -> None:
    app.cli.add_command(commands.demo)
