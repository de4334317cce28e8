"""Ingest readers: speed and peak memory on generated inputs (no network, no eval data).

Usage: .venv/bin/python bench/ingest/run.py [--records 2000] [--huge-mb 60]

Measures, each in a fresh process so peak memory (ru_maxrss) belongs to one reader:
  warc-read    iter_warc over a WARC.gz of N small HTML responses plus one huge record
               (documents only, no extraction): records/s and peak RSS
  oversize     ingest() of a 200 MB sparse .txt file: time to the rejection
  jsonl-read   iter_jsonl over N lines
  full-ingest  ingest() of a WARC.gz with 200 HTML responses, extraction and cleaning included
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PARAGRAPH = (
    "The council said on Tuesday that the ferry pier would be rebuilt next year, after a "
    "long argument over its cost. Officials expect the work to take eighteen months. "
)


def _page(n: int) -> bytes:
    body = "".join(f"<p>{PARAGRAPH} (item {n}, paragraph {i})</p>" for i in range(6))
    head = f"<html><head><title>Story {n}</title></head>"
    return f"{head}<body><article>{body}</article></body></html>".encode()


def make_warc(path: Path, records: int, huge_mb: int) -> None:
    """A WARC.gz of ``records`` HTML responses, with one ``huge_mb`` MB record in the middle."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for n in range(records):
            body = _page(n)
            if huge_mb and n == records // 2:
                body = b"<html><body><p>" + b"z" * (huge_mb * 1_000_000) + b"</p></body></html>"
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                f"https://bench.example/{n}",
                "response",
                payload=io.BytesIO(body),
                http_headers=headers,
            )
            writer.write_record(record)


def _peak_mb() -> float:
    """Peak resident memory of this process image (VmHWM; unlike ru_maxrss, not inherited
    from the parent across fork and exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status (Linux only)")


def child(task: str, path: str) -> dict[str, float | int | None]:
    """Run one measurement in this process and return its figures."""
    from newstrace.ingest import IngestOptions, ingest
    from newstrace.ingest.jsonl import iter_jsonl
    from newstrace.ingest.sources import RawDocument
    from newstrace.ingest.warc import iter_warc

    options = IngestOptions()
    baseline = _peak_mb()
    start = time.perf_counter()
    if task == "warc-read":
        with open(path, "rb") as handle:
            items = list(iter_warc(handle, path, options))
    elif task == "jsonl-read":
        with open(path, "rb") as handle:
            items = list(iter_jsonl(handle, path, options))
    else:
        items = list(ingest([path], options=options))
    seconds = time.perf_counter() - start
    documents = sum(1 for i in items if isinstance(i, RawDocument) or hasattr(i, "text"))
    return {
        "seconds": round(seconds, 3),
        "items": len(items),
        "documents": documents,
        "items_per_second": round(len(items) / seconds, 1) if seconds > 0.01 else None,
        "peak_rss_mb": round(_peak_mb(), 1),
        "rss_before_mb": round(baseline, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=2000)
    parser.add_argument("--huge-mb", type=int, default=60)
    parser.add_argument("--child", nargs=2, metavar=("TASK", "PATH"))
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(*args.child)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        make_warc(folder / "crawl.warc.gz", args.records, args.huge_mb)
        make_warc(folder / "small.warc.gz", 200, 0)
        with (folder / "huge.txt").open("wb") as handle:
            handle.truncate(200_000_000)
        lines = (json.dumps({"text": PARAGRAPH * 4, "url": f"u{n}"}) for n in range(args.records))
        (folder / "lines.jsonl").write_text("\n".join(lines) + "\n")
        tasks = [
            ("warc-read", folder / "crawl.warc.gz"),
            ("oversize", folder / "huge.txt"),
            ("jsonl-read", folder / "lines.jsonl"),
            ("full-ingest", folder / "small.warc.gz"),
        ]
        for task, path in tasks:
            run = subprocess.run(
                [sys.executable, __file__, "--child", task, str(path)],
                capture_output=True,
                text=True,
                check=True,
            )
            print(task, path.stat().st_size, run.stdout.strip())


if __name__ == "__main__":
    main()
