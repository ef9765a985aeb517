"""The working-paper parser (qa.interchange.working_papers): what it reads from a file, and what it refuses."""

import pytest

from qa.interchange.working_papers import WorkingPaperError, parse
from tests.working_paper_data import LETTERHEAD, PARAGRAPHS, POSITION, TITLE, sample_bytes, working_paper


def test_bundled_file_gives_nine_paragraphs_and_the_position():
    paper = parse("q3.txt", sample_bytes())
    assert paper.series_title == "Fighting the COVID-19: 100 Q&As"
    assert (paper.number, paper.title, paper.author_name) == (3, TITLE, "Zhou Taidong")
    assert (paper.year, paper.month) == (2020, 3)
    assert list(paper.paragraphs) == PARAGRAPHS
    assert paper.position == POSITION
    assert paper.body == "\n\n".join(PARAGRAPHS)


def test_page_break_in_the_middle_of_a_paragraph_is_rejoined():
    body = (
        "Partner assistance helps mobilize efforts of local governments under the central"
        f"{LETTERHEAD}government, while avoiding chaos.\n\n"
        f"It builds “bridges of friendship”{LETTERHEAD}across regions.\n\n"
        f"This paragraph ends here.{LETTERHEAD}A new paragraph starts after the break."
    )
    paper = parse("break.txt", working_paper(body=body))
    assert list(paper.paragraphs) == [
        "Partner assistance helps mobilize efforts of local governments under the central government, "
        "while avoiding chaos.",
        "It builds “bridges of friendship” across regions.",
        "This paragraph ends here.",
        "A new paragraph starts after the break.",
    ]


def test_letterhead_lines_inside_a_paragraph_without_blank_lines():
    body = (
        "The first half of a sentence\n中国国际发展知识中心\nCENTER FOR INTERNATIONAL\nKNOWLEDGE ON DEVELOPMENT\n"
        "and its end."
    )
    assert parse("x.txt", working_paper(body=body)).paragraphs == ("The first half of a sentence and its end.",)


def test_wrapped_title_continues_until_the_blank_line():
    title = "Why Is Partner Assistance\nAdopted in China's\nCOVID-19 Battle?"
    paper = parse("title.txt", working_paper(title=title))
    assert paper.title == TITLE
    assert paper.author_name == "Li Hua"


def test_hard_wrapped_paragraphs_are_joined_with_one_space():
    body = (
        "China has been implementing partner\nassistance programmes for more\nthan four decades.\n\n"
        "Second paragraph\nwraps too."
    )
    paper = parse("wrap.txt", working_paper(body=body))
    assert paper.paragraphs == (
        "China has been implementing partner assistance programmes for more than four decades.",
        "Second paragraph wraps too.",
    )


def test_crlf_non_breaking_and_trailing_spaces_give_the_same_paper():
    text = sample_bytes().decode()
    messy = text.replace("Zhou Taidong\n", "Zhou\u00a0Taidong  \n").replace("\n", " \t\r\n").encode()
    assert parse("q3.txt", messy) == parse("q3.txt", sample_bytes())
    nbsp = working_paper(body="COVID-19\u00a0cases fell.").replace("\n", "\r\n")
    assert parse("x.txt", nbsp).paragraphs == ("COVID-19 cases fell.",)


def test_text_is_kept_exactly_with_curly_quotes_and_spelling():
    body = "It said ‘paring’ and “stronger provinces” — as written,  twice."
    assert parse("x.txt", working_paper(body=body)).paragraphs == (body,)


@pytest.mark.parametrize("number", ["1", "12", "100", "999"])
def test_question_numbers_of_one_to_three_digits(number):
    assert parse("x.txt", working_paper(number=number)).number == int(number)


@pytest.mark.parametrize(
    "text, line, words",
    [
        ("", 1, "ends where the header"),
        ("Dear colleagues,\n\nplease find attached the minutes.", 1, "expected the header"),
        (working_paper().replace("Question 7 ", "Chapter 7 "), 5, "expected “Question N”"),
        (working_paper(number="1000"), 5, "1 to 999"),
        (working_paper(number="0"), 5, "1 to 999"),
        (working_paper(date="Spring 2020"), 9, "month and year"),
        (working_paper(author="April 2020"), 7, "author’s name"),
        (working_paper(bio="Thank you for reading."), 13, "biography"),
        (working_paper(body="", bio=""), 9, "paragraphs"),
    ],
)
def test_a_file_not_in_the_form_is_refused_with_its_line(text, line, words):
    with pytest.raises(WorkingPaperError) as refused:
        parse("notes.txt", text.encode())
    assert refused.value.line == line
    assert str(refused.value).startswith(f"notes.txt, line {line}: ")
    assert words in str(refused.value)


def test_non_utf8_file_is_refused():
    data = working_paper().encode("utf-8").replace(b"Li Hua\n", "Li Hua \u00e9\n".encode("latin-1"), 1)
    with pytest.raises(WorkingPaperError) as refused:
        parse("latin1.txt", data)
    assert refused.value.line == 7
    assert "not UTF-8" in str(refused.value)


def test_form_feeds_and_windows_line_endings_are_fine():
    text = working_paper(body="One paragraph\n\fof text.").replace("\n", "\r\n")
    assert parse("ff.txt", text.encode()).paragraphs == ("One paragraph of text.",)
