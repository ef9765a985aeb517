"""What the citation tests share: Question 3's titles and publisher (CIKD) in both languages, the languages
cited, and a question cited as its page cites it. The ``question_3`` and ``reading_content`` fixtures are
conftest.py's."""

from qa.web.citations import Citation
from tests.reading_data import loaded

HOST = "http://testserver"
LANGS = ["en", "zh-hans", "zh-hant"]

TITLE_EN = "Why is partner assistance adopted in China's COVID-19 battle?"
TITLE_ZH = "中国抗击新冠肺炎疫情为何采取对口支援？"
CIKD_EN = "China Center for International Knowledge on Development"
CIKD_ZH = "中国国际发展知识中心"


def cite(question, language):
    question = loaded(question)
    return Citation(question, language, HOST + question.url_for(question.shown_language(language)))
