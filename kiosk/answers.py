"""How an event is shown to clients, the API's answers and every page's event-data alike: presentation kept out of
models/, in the shell because every feature's pages show the event."""
from models import Event
from models.event import FORMS, LEVELS


def event_api(event: Event) -> dict:
    return {
        "id": event.id,
        "name": event.name,
        "level": event.level,
        "level_label": LEVELS.get(event.level, event.level),
        "form": event.form,
        "form_label": FORMS.get(event.form, event.form),
        "form_title": event.form_title,
        "period": event.period,
        "date": event.date.isoformat(),
        "start_time": event.start_time.strftime("%H:%M"),
        "venue": event.venue,
        "organiser": event.organiser,
        "honours_per_page": event.honours_per_page,
    }
