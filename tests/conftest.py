"""The fixtures live in tests/fixtures/, one plugin per concern; builders of test data in tests/factories.py;
small shared helpers (make_app, signed_in, count_queries, LiveServer, Screen...) in tests/helpers.py.
No test imports this file."""

pytest_plugins = [
    "tests.fixtures.database",  # database_url, app, client, runner, scratch_database_url
    "tests.fixtures.accounts",  # users, auth, organiser, mc, door
    "tests.fixtures.events",  # event_id
    "tests.fixtures.servers",  # live_server, redis_url
    "tests.fixtures.browser",  # browser, page_factory
    "tests.fixtures.tiers",  # the browser and process marks that `make check` leaves out
]
