"""The house's signals (blinker, as Flask itself uses): how a feature tells or asks the others without importing
them. The one that sends knows nothing of those that listen; each listener connects in its package's init_app.
The sender is the event's id (or, for screen_wanted, the screen's kind); a listener runs in the sender's thread,
after the sender's commit unless said otherwise.

- vote_changed(event_id, vote_id): votes/ changed, opened, counted, closed or deleted a vote; display/ redraws
  the hall's vote screen if that vote is on it.
- ballot_cast(event_id, vote_id): a delegate's ballot was counted; display/ redraws the count a moment later, once
  for a whole burst of ballots.
- handover_marked(event_id, mark): an usher marked an honour handed over; display/ tells the other ushers' tablets
  and the MC panel.
- screen_wanted(kind, event_id, spec, now): display/ asks the feature that owns a screen kind (a vote) to draw it;
  the listener connected for that kind answers the screen's dict (an ApiError for a wrong spec).
"""
from blinker import Namespace

house = Namespace()

vote_changed = house.signal("vote-changed")
ballot_cast = house.signal("ballot-cast")
handover_marked = house.signal("handover-marked")
screen_wanted = house.signal("screen-wanted")
