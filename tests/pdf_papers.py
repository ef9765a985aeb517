"""Working-paper PDFs made by the tests (fpdf2), laid out as CIKD's: both editions, page breaks inside
paragraphs, the letterhead and a page number on every page, lines wrapped (Chinese by characters, English
by words, one word hyphenated at a line end); and PDFs that are not papers (encrypted, scanned, broken,
a zip bomb).

The CJK font is Debian's fonts-wqy-microhei (installed by .ci/install-browser); tests that need it are
skipped with that message where it is missing.
"""

import io
import textwrap
import zlib
from pathlib import Path

import pytest

FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
# English papers by the hundred are made with a Latin font: embedding the CJK one takes a second a paper.
LATIN_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
needs_cjk_font = pytest.mark.skipif(
    not FONT.exists(),
    reason="the CJK font for test PDFs is missing: apt-get install fonts-wqy-microhei (see .ci/install-browser)",
)

LETTERHEAD = ("中国国际发展知识中心", "CENTER FOR INTERNATIONAL KNOWLEDGE ON DEVELOPMENT")
FOOTER_EN = "Working Papers are also posted at <http://www.cikd.org>. The author(s) may be contacted at info@cikd.org"
FOOTER_ZH = "工作论文同时发布于<http://www.cikd.org>，作者联系方式：info@cikd.org"
HEADER_EN = "COVID-19 KNOWLEDGE HUB—Fighting the COVID-19: 100 Q&As"
HEADER_ZH = "新冠肺炎疫情知识库——抗击新冠肺炎疫情：100问"

TITLE_ZH = "中国抗击新冠肺炎疫情为何采取对口支援？"
AUTHOR_ZH = "周太东"
POSITION_ZH = "中国国际发展知识中心国际发展研究交流处处长"
PARAGRAPHS_ZH = [
    "对口支援通常是指在中央政府统筹协调下，地方政府之间结成对子，支持某一地区或领域的发展。对口支援有利于物质、"
    "财政资源和智力资源的共享，具有优势互补、互利共赢的特点。",
    "中国实施对口支援已有四十多年。对口支援在支援少数民族聚居的欠发达边疆地区、减贫、国家重大工程建设、"
    "灾害救援与恢复重建以及援外医疗队等方面发挥了重要作用。",
    "新冠肺炎疫情不仅是湖北省的紧急事件，也是全国的紧急事件。2020年2月，国家卫生健康委员会安排19个省份对口支援"
    "湖北省除武汉以外的16个市州，帮助抗击新冠肺炎疫情。",
    "一方有难，八方支援。众人拾柴火焰高。对口支援再次证明是高效和有效的。",
]
# An English paragraph with a word hyphenated at a line end, as laid out, and as it reads.
HYPHENATED_LINES = [
    "Partner assistance facilitates sharing of material and fiscal resources as well as intel-",
    "lectual expertise, and features complementary advantages and mutual benefits.",
]
HYPHENATED = (
    "Partner assistance facilitates sharing of material and fiscal resources as well as intellectual "
    "expertise, and features complementary advantages and mutual benefits."
)


def english_lines(paragraph):
    return textwrap.wrap(paragraph, 88)


def chinese_lines(paragraph, width=34):
    return [paragraph[start : start + width] for start in range(0, len(paragraph), width)]


def paper_pdf(
    *, header, question, author, date, paragraphs, bio, footer, lines_per_page=18, running_header=False, latin=False
):
    """A PDF of the paper; ``paragraphs`` (and ``bio``) are lists of lines as they are laid out. ``latin``: in a
    Latin font, with the English half of the letterhead only."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    if latin:
        pdf.add_font("cjk", fname=str(LATIN_FONT))
    else:
        pdf.add_font("cjk", fname=str(FONT), collection_font_number=0)
    pdf.set_auto_page_break(False)
    pdf.set_font("cjk", size=10)
    state = {"page": 0, "lines": 0}

    def new_page():
        if state["page"]:
            page_number()
        pdf.add_page()
        state["page"] += 1
        state["lines"] = 0
        if state["page"] > 1:
            for line in LETTERHEAD[1:] if latin else LETTERHEAD:
                pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
            if running_header:
                pdf.cell(0, 6, header, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(8)

    def page_number():
        pdf.set_y(-20)
        pdf.cell(0, 6, str(state["page"]), align="C")

    def line(text):
        if state["lines"] >= lines_per_page:
            new_page()
        pdf.cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
        state["lines"] += 1

    def gap():
        pdf.ln(6)

    new_page()
    for part in (header, question, author, date):
        line(part)
        gap()
    for paragraph in [*paragraphs, bio]:
        for text in paragraph:
            line(text)
        gap()
    line(footer)
    page_number()
    return bytes(pdf.output())


def english_paper(paragraphs, title, number=3, author="Zhou Taidong", position="Division Chief, CIKD", **options):
    return paper_pdf(
        header=HEADER_EN,
        question=f"Question {number} {title}",
        author=author,
        date="March 2020",
        paragraphs=[english_lines(text) if isinstance(text, str) else text for text in paragraphs],
        bio=english_lines(f"{author} is {position}."),
        footer=FOOTER_EN,
        **options,
    )


def chinese_paper(
    paragraphs=PARAGRAPHS_ZH, title=TITLE_ZH, number=3, author=AUTHOR_ZH, position=POSITION_ZH, **options
):
    return paper_pdf(
        header=HEADER_ZH,
        question=f"第{number}问 {title}",
        author=author,
        date="2020年3月",
        paragraphs=[chinese_lines(text) for text in paragraphs],
        bio=chinese_lines(f"{author}，{position}。"),
        footer=FOOTER_ZH,
        **options,
    )


def scanned_pdf():
    """Pages with a picture and no text, as a scanner makes them."""
    from fpdf import FPDF
    from PIL import Image

    image = io.BytesIO()
    Image.new("L", (200, 280), 255).save(image, format="PNG")
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.image(image, x=10, y=10, w=180)
    return bytes(pdf.output())


def not_a_paper_pdf():
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(0, 10, "Minutes of the meeting of 3 March")
    return bytes(pdf.output())


def encrypted_pdf(data):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def zip_bomb_pdf(unpacked=100 * 1024 * 1024):
    """A small PDF whose one page's content stream unpacks to ``unpacked`` bytes."""
    packer, chunk, packed = zlib.compressobj(9), b" " * (1024 * 1024), []
    for _index in range(unpacked // len(chunk)):
        packed.append(packer.compress(chunk))
    packed.append(packer.flush())
    stream = b"".join(packed)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out, offsets = io.BytesIO(), []
    out.write(b"%PDF-1.4\n")
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()
