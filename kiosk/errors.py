"""Errors as API.md wants them: JSON {"error", "message"} in Vietnamese under /api, a page elsewhere."""
from flask import jsonify, make_response, redirect, render_template, request, url_for
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException

from kiosk.extensions import db

MESSAGES = {
    400: ("bad_request", "Yêu cầu không hợp lệ."),
    401: ("unauthorized", "Bạn cần đăng nhập."),
    403: ("forbidden", "Tài khoản của bạn không có quyền làm việc này."),
    404: ("not_found", "Không tìm thấy."),
    405: ("method_not_allowed", "Phương thức không được hỗ trợ."),
    413: ("too_large", "Tệp gửi lên quá lớn."),
    429: ("too_many_requests", "Thử quá nhiều lần. Vui lòng đợi một phút rồi thử lại."),
    503: ("unavailable", "Máy chủ đang bận. Vui lòng thử lại sau giây lát."),
    500: ("server_error", "Máy chủ gặp sự cố. Vui lòng thử lại."),
}


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def _wants_json() -> bool:
    return request.path.startswith("/api/") or request.is_json


def error_response(status: int, code: str | None = None, message: str | None = None):
    default_code, default_message = MESSAGES.get(status, ("error", "Có lỗi xảy ra."))
    code, message = code or default_code, message or default_message
    if _wants_json():
        return jsonify(error=code, message=message), status
    return render_template("error.html", status=status, message=message), status


def init_app(app):
    @app.errorhandler(ApiError)
    def _api_error(e):
        if e.status == 401 and not _wants_json():
            # a page: the browser goes to sign in, and comes back here after
            return redirect(url_for("auth.login_page", next=request.full_path.rstrip("?")))
        return error_response(e.status, e.code, e.message)

    @app.errorhandler(CSRFError)
    def _csrf_error(e):
        return error_response(400, "csrf_failed", "Thiếu hoặc sai mã bảo vệ CSRF. Hãy tải lại trang và thử lại.")

    @app.errorhandler(HTTPException)
    def _http_error(e):
        return error_response(e.code or 500)

    @app.errorhandler(OperationalError)
    def _database_away(e):
        """The database server restarting, or SQLite busy past its timeout: nothing was saved, try again."""
        app.logger.warning("database unavailable: %s", getattr(e, "orig", e))
        db.session.rollback()
        response = make_response(error_response(503, "database_unavailable", "Cơ sở dữ liệu đang bận hoặc đang khởi "
                                                "động lại; chưa lưu gì. Vui lòng thử lại sau giây lát."))
        response.headers["Retry-After"] = "2"
        return response

    @app.errorhandler(Exception)
    def _unexpected(e):
        app.logger.exception("unexpected error")
        return error_response(500)
