"""Words too common to say what a text is about: left out of related-question searches and programme names.

English: the usual function words, with the question words every title of a
Q&A series starts with ("how", "what", "did"). Chinese is indexed as bigrams
(``qa.search.text``), so its stop list is of bigrams: the question words of
titles (如何, 哪些, 什么, …) and any bigram holding a particle (的, 吗, 呢, …),
which is nearly always a pair across a word boundary (湖北的 → 北的).
"""

ENGLISH = frozenset(
    """
    a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing done down during each few for from further had has have
    having he her here hers herself him himself his how i if in into is it its itself just may me might more
    most much must my myself no nor not now of off on once only or other our ours ourselves out over own
    same she should so some such than that the their theirs them themselves then there these they this those
    through to too under until up upon us very was we were what when where which while who whom whose why
    will with within without would you your yours yourself yourselves
    """.split()
)

CHINESE_BIGRAMS = frozenset(
    """
    如何 其他 哪些 哪个 哪里 什么 为什 为何 怎样 怎么 是否 能否 是什 有哪 有什 多少 可以 应该 我们 他们 以及 还是
    """.split()
)
CHINESE_PARTICLES = frozenset("的了吗呢吧么")


def is_stop_word(word):
    return word in ENGLISH


def is_stop_bigram(bigram):
    return bigram in CHINESE_BIGRAMS or any(character in CHINESE_PARTICLES for character in bigram)
