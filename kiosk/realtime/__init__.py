"""The socket plumbing every feature's Socket.IO events share: the rooms (and whether anyone is in one, across the
hall's processes), which sockets belong to which sign-in, the JSON guard on every packet, and the handler helper
that runs a socket event as an HTTP route runs."""
