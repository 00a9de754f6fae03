"""Who is there: sign-in and its throttle, the server-side sessions and their cookies, door tablets' pairing, the
accounts and their passwords (hashed off the loop), unguessable secrets' guess limit, and the one role check that
every page, API route and socket event goes through (auth.role_required, auth.check_role)."""
