"""How the one server process serves the hall: TLS with a certificate it makes for itself (and the tablets'
page to trust it), plain http sent to HTTPS from other machines, the addresses printed at start, the limits on
what one connection may hold, the headers and guards every request passes, and the watch on the loop."""
