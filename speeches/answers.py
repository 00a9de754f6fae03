"""How a speech is shown to clients (the API, the speaker's screen): presentation kept out of models/."""
from models import Speech


def speech_api(speech: Speech) -> dict:
    return {
        "id": speech.id,
        "position": speech.position,
        "name": speech.name,
        "title": speech.title,
        "unit": speech.unit,
        "topic": speech.topic,
        "minutes": speech.minutes,
        "collective": speech.collective,
        "spoken_s": speech.spoken_s,
    }
