"""Reading a request's JSON body the same way in every route."""
from flask import request

from kiosk.errors import ApiError


def json_body() -> dict:
    data = request.get_json(silent=True)
    if data is None and not request.data:
        return {}
    if not isinstance(data, dict):
        raise ApiError(400, "bad_json", "Nội dung gửi lên phải là một đối tượng JSON.")
    return data
