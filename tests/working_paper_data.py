"""Working papers for the import tests: the bundled sample (CIKD Q&A 3), one made to order, and running the command.

Shared by test_working_paper_parsing.py, test_import_qa_command.py and test_import_admin.py.
"""

from io import StringIO
from pathlib import Path

from django.core.management import call_command

from qa.models import Question

SAMPLE = Path(__file__).parent / "data" / "cikd-qa-03-partner-assistance.txt"
POSITION = "Division Chief of Division of International Development Research Exchange, CIKD"
TITLE = "Why Is Partner Assistance Adopted in China's COVID-19 Battle?"
PARAGRAPHS = [
    "Partner assistance usually refers to paring local governments with each other to support the development of "
    "a certain region or sector under the overall coordination of the Chinese central government. Partner "
    "assistance facilitates sharing of material and fiscal resources as well as intellectual expertise, and "
    "features complementary advantages and mutual benefits.",
    "China has been implementing partner assistance programmes for more than four decades. Such programmes have "
    "played important roles in different endeavors, including helping less-developed bordering areas where ethnic "
    "minorities are concentrated, poverty reduction, construction of major national projects, disaster relief and "
    "recovery, and medical teams under foreign aid.",
    "The outbreak of COVID-19 constitutes an emergency not only in Hubei Province, but also in the whole country. "
    "In February 2020, the National Health Commission arranged for 19 provinces and municipalities to provide "
    "assistance to 16 cities and counties in Hubei, excluding Wuhan, to help combat the COVID-19. One city or "
    "county in Hubei province is twinned with one or more provinces in the country.",
    "Through establishing mechanisms of “stronger provinces helping weaker ones” and delineating "
    "responsibilities, partner assistance has greatly improved medical treatment in Hubei province and played a "
    "crucial role in combating the novel coronavirus.",
    "First, partner assistance helps effectively mobilize efforts and leverage resources of local governments "
    "under the overall coordination of the central government, while avoiding chaos.",
    "Second, it can make full use of medical staff and supplies in the different regions and form virtuous "
    "competition among different entities to overcome difficulties.",
    "Third, it can help relieve the burden of Wuhan hospitals by preventing crowds from swarming into a few big "
    "and well-known hospitals in the capital city.",
    "Fourth, it can help facilitate regional integration and communication and build bridges of friendship and "
    "cooperation across different regions.",
    "When disaster struck, help came from all sides. When people pool their strength, victory is ensured. During "
    "the crucial stage of the COVID-19 outbreak, 63 medical teams consisting of 7,425 staff from 19 provinces "
    "provide medical services in the 16 cities and counties in Hubei province, in addition to the 31,207 medical "
    "staff from other provinces supporting Wuhan city. These teams also brought them with critical medical "
    "supplies and equipment. Partner assistance, once again, has been proved to be efficient and effective.",
]
LETTERHEAD = "\n\n\n中国国际发展知识中心\n\nCENTER FOR INTERNATIONAL\nKNOWLEDGE ON DEVELOPMENT\n\n"


def working_paper(number="7", title="How Do Fever Clinics Work?", body="One paragraph of text.",
                  author="Li Hua", date="April 2020", bio="Li Hua is Research Fellow, CIKD."):
    return (
        "\n\nCOVID-19 KNOWLEDGE HUB—Fighting the COVID-19: 100 Q&As\n\n"
        f"Question {number} {title}\n\n{author}\n\n{date}\n\n{body}\n\n{bio}\n\n"
        "Working Papers are also posted at <http://www.cikd.org>. The author(s) may be contacted at info@cikd.org"
    )


def sample_bytes():
    return SAMPLE.read_bytes()


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return str(path)


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("import_qa", *args, stdout=out, stderr=err)
    return out.getvalue()


def question_3():
    return Question.objects.get(series__slug="fighting-covid-19-100-qas", number=3)
