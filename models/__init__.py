"""SQLAlchemy 2.x models, one module per aggregate."""
from models.agenda import ProgrammeItem
from models.attendance import AttendanceCount
from models.audit import AuditLog, ItemTime
from models.delegate import CheckIn, Delegate
from models.document import Document
from models.event import Event
from models.honour import Honour, HonourGroup
from models.live import LiveState
from models.script import ScriptLine
from models.speech import Speech
from models.user import DoorPairing, User, UserEvent, UserSession
from models.voice import FloorRequest, Opinion
from models.vote import Vote, VoteNominee, VoteTally, VoteVoter

__all__ = ["AttendanceCount", "AuditLog", "CheckIn", "Delegate", "Document", "DoorPairing", "Event", "FloorRequest",
           "Honour", "HonourGroup", "ItemTime", "LiveState", "Opinion", "ProgrammeItem", "ScriptLine", "Speech", "User",
           "UserEvent", "UserSession", "Vote", "VoteNominee", "VoteTally", "VoteVoter"]
