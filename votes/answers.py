"""How a vote is shown to clients (the API, the hall's vote screen, the delegate's page, the papers of the day):
presentation kept out of models/. While an electronic or secret vote is open its counts are hidden."""
from models import Vote, VoteNominee
from models.vntime import iso_vn
from models.vote import METHOD_WORDS, RULE_WORDS


def nominee_api(nominee: VoteNominee) -> dict:
    d = nominee.delegate
    return {"position": nominee.position, "delegate_id": d.id, "name": d.full_name, "title": d.title, "unit": d.unit}


def vote_api(vote: Vote) -> dict:
    hidden = vote.status == "open" and (vote.method == "electronic" or vote.secret)
    return {
        "id": vote.id,
        "title": vote.title,
        "method": vote.method,
        "secret": vote.secret,
        "rule": vote.rule,
        "status": vote.status,
        "entitled": vote.entitled,
        "listed": vote.listed,
        "received": vote.received_now(),
        "counts": None if hidden else vote.counts(),
        "verdict": vote.verdict,
        "opened_at": iso_vn(vote.opened_at),
        "closed_at": iso_vn(vote.closed_at),
        "method_text": METHOD_WORDS.get(vote.method, vote.method),
        "rule_text": RULE_WORDS.get(vote.rule, vote.rule),
        "nominees": [nominee_api(n) for n in vote.nominees],
    }
