"""bench/phones.py's second part: phones reading one paper at the same moment, each its own marked copy, from a
process of their own (`python bench/papers_read.py --reader-worker URL TOKENS DOC_ID` prints their figures as JSON)."""
import asyncio
import io
import json
import os
import random
import sys
import time
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.heavy import figures  # noqa: E402

ORGANISER = ("btc", "bench-mat-khau-btc")


def paper(megabytes: float = 5.0, pages: int = 20) -> bytes:
    """A report of `pages` pages weighing about `megabytes`: Vietnamese text and a photograph-like picture a page."""
    from PIL import Image
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    from kiosk.pdf import sans
    regular, bold = sans()
    out, rng = io.BytesIO(), random.Random(5)
    canvas = Canvas(out, pagesize=A4)
    side = int((megabytes * 1024 * 1024 / pages / 1.15) ** 0.5)  # random pixels, JPEG at 90: ~1.15 bytes a pixel
    for page in range(1, pages + 1):
        picture = io.BytesIO()
        Image.frombytes("RGB", (side, side), rng.randbytes(side * side * 3)).save(picture, "JPEG", quality=90)
        picture.seek(0)
        canvas.setFont(bold, 16)
        canvas.drawString(60, 790, f"BÁO CÁO TỔNG KẾT PHONG TRÀO THI ĐUA YÊU NƯỚC 2020 - 2025 — trang {page}")
        canvas.setFont(regular, 11)
        for line in range(24):
            canvas.drawString(60, 760 - line * 15, "Đại hội Thi đua yêu nước tỉnh Thái Bình lần thứ VIII đánh giá kết quả.")
        canvas.drawImage(ImageReader(picture), 60, 60, 300, 300)
        canvas.showPage()
    canvas.save()
    return out.getvalue()


async def read_paper(url: str, tokens: list[str], doc_id: int) -> dict:
    """Every phone asks for its copy at the same moment; the time each copy arrived whole, and a few copies.
    Runs in a process of its own (--reader-worker): reading hundreds of megabytes in the coordinator would hold
    its interpreter and slow the door's thread there, which would then measure the client, not the server."""
    started = time.perf_counter()
    done, sizes, failed, kept, why = [], [], 0, {}, {}
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0),
                                     timeout=aiohttp.ClientTimeout(total=900)) as session:
        async def read(n, token):
            nonlocal failed
            try:
                async with session.get(f"{url}/api/me/{token}/documents/{doc_id}") as answer:
                    body = await answer.read()
                    if answer.status != 200 or not body.startswith(b"%PDF"):
                        failed += 1
                        reason = f"{answer.status} {body[:120].decode('utf-8', 'replace')}"
                        why[reason] = why.get(reason, 0) + 1
                        return
            except (aiohttp.ClientError, TimeoutError) as e:
                failed += 1
                why[type(e).__name__] = why.get(type(e).__name__, 0) + 1
                return
            done.append((time.perf_counter() - started) * 1000)
            sizes.append(len(body))
            if n % max(1, len(tokens) // 5) == 0:
                kept[n] = body.decode("latin-1")
        await asyncio.gather(*(read(n, t) for n, t in enumerate(tokens)))
    return {"received": len(done), "failed": failed, "last_s": max(done, default=0) / 1000,
            "p50_s": figures(done)["p50"] / 1000 if done else None, "mb": sum(sizes) / 1048576, "kept": kept,
            "why_failed": why}


def read_paper_elsewhere(url: str, tokens: list[str], doc_id: int) -> dict:
    import subprocess
    done = subprocess.run([sys.executable, __file__, "--reader-worker", url, ",".join(tokens), str(doc_id)],
                          capture_output=True, text=True, timeout=900, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    if done.returncode:
        raise RuntimeError(done.stderr[-3000:])
    answer = json.loads(done.stdout.splitlines()[-1])
    answer["kept"] = {int(n): body.encode("latin-1") for n, body in answer["kept"].items()}
    return answer


def loop(url: str) -> dict:
    """The server's own loop watch (GET /api/loop): its stalls and largest lag while the hall was measured."""
    from bench.heavy import signed_in
    answer = signed_in(url, *ORGANISER).get(f"{url}/api/loop", timeout=30).json()
    worst = sorted(answer.get("recent") or [], key=lambda r: -(r.get("lag_ms") or 0))[:3]
    return {"stalls": answer.get("stalls"), "max_lag_ms": answer.get("max_lag_ms"), "worst": worst}


def own_names(url: str, directory: str, tokens: list[str], kept: dict) -> int:
    """How many of the copies kept carry their own delegate's name (and no other's)."""
    from pypdf import PdfReader

    from bench.databases import bench_app
    from kiosk.extensions import db
    from models import Delegate
    app = bench_app(url, directory)
    right = 0
    with app.app_context():
        for n, body in kept.items():
            name = db.session.scalar(db.select(Delegate.full_name).where(Delegate.ballot_token == tokens[n]))
            text = PdfReader(io.BytesIO(body)).pages[-1].extract_text()
            right += f"{name}." in text  # "Đại biểu số 12." not "Đại biểu số 120."
        db.session.remove()
        db.engine.dispose()
    return right


if __name__ == "__main__" and len(sys.argv) > 1 and sys.argv[1] == "--reader-worker":
    print(json.dumps(asyncio.run(read_paper(sys.argv[2], sys.argv[3].split(","), int(sys.argv[4])))))
