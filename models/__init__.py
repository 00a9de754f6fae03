"""SQLAlchemy 2.x models, one module per aggregate."""
from models.agenda import ProgrammeItem
from models.delegate import CheckIn, Delegate
from models.event import Event
from models.honour import Honour, HonourGroup
from models.live import LiveState
from models.speech import Speech
from models.user import DoorPairing, User, UserSession
from models.vote import Vote, VoteNominee

__all__ = ["CheckIn", "Delegate", "DoorPairing", "Event", "Honour", "HonourGroup", "LiveState", "ProgrammeItem",
           "Speech", "User", "UserSession", "Vote", "VoteNominee"]
