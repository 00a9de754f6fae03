"""The house's signals (blinker, as Flask itself uses): how a feature tells or asks the others without importing
them. The one that sends knows nothing of those that listen; each listener connects in its package's init_app.

- screen_wanted(kind, event_id, spec, now): display asks the feature that owns a screen kind (a vote) to draw it;
  the listener connected for that kind answers the screen's dict.
"""
from blinker import Namespace

house = Namespace()

screen_wanted = house.signal("screen-wanted")
