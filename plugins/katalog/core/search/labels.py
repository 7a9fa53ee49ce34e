"""What a result shows of its page's vocabulary terms and keywords where nothing else of it matched the
query: the reason it was found ("Tema: Ældre (seniorer)"). The build writes each term as "Tema: Ældre"
and its other words (labels in other languages, synonyms) a line each, each keyword as "Emneord:
cykelparkering", apart by an empty line; the search worker shows those that match."""

from __future__ import annotations

from ..config.vocabulary import Term, Vocabulary
from ..i18n import Translator


def term_lines(tr: Translator, vocabulary: Vocabulary, term: Term) -> str:
    """ "Tema: Ældre", then a line for each other word that finds the term."""
    label = tr.pick(term.label, term.key)
    named = tr.pick(vocabulary.singular, vocabulary.name)
    words = {label.casefold(): tr("search.labels", vocabulary=named, term=one_line(label))}
    for word in [*term.label.values(), *term.synonyms]:
        words.setdefault(word.casefold(), one_line(word))
    return "\n".join(words.values())


def keyword_line(tr: Translator, field_label: str, keyword: object) -> str:
    return tr("search.labels", vocabulary=field_label, term=one_line(keyword))


def one_line(value: object) -> str:
    """A value on one line: lines and empty lines part the words and the terms."""
    return " ".join(str(value).split())
