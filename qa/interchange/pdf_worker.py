"""Extract the text of PDFs in a process of its own, within limits (run by qa.interchange.pdf_text).

A PDF is a program of sorts: a few kilobytes can decompress to gigabytes or
loop the parser. So this runs apart from the site, imports neither Django nor
the project, and bounds what it may use: the address space and CPU time of
the process, each stream's decompressed size and the pages of a file
(pypdf's own limits), and the seconds spent on each file (an alarm). The
parent kills it if it runs over the time of the whole batch.

Reads a JSON list of {"name", "data" (base64)} on stdin; writes a JSON list
with, for each file, {"pages": [text of each page]} or {"error": code}.
Text comes from pypdf's layout mode, which keeps the vertical gap between
paragraphs as blank lines (see docs/working-papers.md for the choice).
"""

import base64
import json
import resource
import signal
import sys

MEMORY_BYTES = 1024 * 1024 * 1024
CPU_SECONDS_PER_FILE = 5
SECONDS_PER_FILE = 4
MAX_PAGES = 60
STREAM_MAX_BYTES = 20 * 1024 * 1024
TEXT_MAX_CHARACTERS = 2 * 1024 * 1024


class TimeUp(Exception):
    pass


def on_alarm(signum, frame):
    raise TimeUp


def extract(data):
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, LimitReachedError

    try:
        reader = PdfReader(_stream(data))
        if reader.is_encrypted:
            return {"error": "encrypted"}
        count = len(reader.pages)
        if count > MAX_PAGES:
            return {"error": "pages", "pages": count}
        pages, total = [], 0
        for page in reader.pages:
            text = page.extract_text(extraction_mode="layout")
            total += len(text)
            if total > TEXT_MAX_CHARACTERS:
                return {"error": "too-large"}
            pages.append(text)
    except FileNotDecryptedError:
        return {"error": "encrypted"}
    except (LimitReachedError, MemoryError):
        return {"error": "too-large"}
    except TimeUp:
        return {"error": "time"}
    except Exception:  # whatever a malformed file makes the parser raise, it is not a readable PDF
        return {"error": "broken"}
    if not "".join(pages).strip():
        return {"error": "no-text"}
    return {"pages": pages}


def _stream(data):
    from io import BytesIO

    return BytesIO(data)


def main():
    files = json.load(sys.stdin)
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
    cpu = CPU_SECONDS_PER_FILE * max(1, len(files))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
    import pypdf

    pypdf.overwrite_configuration(
        maximum_declared_stream_length=STREAM_MAX_BYTES,
        zlib_maximum_output_length=STREAM_MAX_BYTES,
        lzw_maximum_output_length=STREAM_MAX_BYTES,
        run_length_maximum_output_length=STREAM_MAX_BYTES,
        brotli_maximum_output_length=STREAM_MAX_BYTES,
        array_based_stream_maximum_output_length=STREAM_MAX_BYTES,
        image_maximum_buffer_size=STREAM_MAX_BYTES,
        stream_decoding_work_maximum_length=4 * STREAM_MAX_BYTES,
        jbig2dec_binary=None,
    )
    signal.signal(signal.SIGALRM, on_alarm)
    results = []
    for item in files:
        signal.alarm(SECONDS_PER_FILE)
        try:
            results.append(extract(base64.b64decode(item["data"])))
        except TimeUp:
            results.append({"error": "time"})
        finally:
            signal.alarm(0)
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
