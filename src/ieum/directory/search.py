"""Directory search that understands Korean, English, other spacing and small typos.

A query matches an organization when every content word of the query is found in what
is said about it (as a full-text prefix, a substring, or, for longer words, a close
trigram match), or when the whole query, spaces removed, closely matches one of its
names. Results are ranked by name similarity first, then by full-text rank.
"""

from __future__ import annotations

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    TrigramWordSimilarity,
)
from django.db.models import Case, F, FloatField, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce

from ieum.directory.korean_text import compact, content_words, plain_words

MAX_QUERY_LENGTH = 200
# How close a misspelled word or name must be (pg_trgm word similarity, 0 to 1).
WORD_SIMILARITY = 0.6
NAME_SIMILARITY = 0.55


def query_words(query: str) -> list[str]:
    words = content_words(query)
    # Latin words that Kiwi would split oddly are kept whole as well.
    for word in plain_words(query):
        if word.isascii() and word not in words:
            words.append(word)
    return words


def _prefix_query(word: str) -> SearchQuery:
    escaped = word.replace("'", "''").replace("\\", "")
    return SearchQuery(f"'{escaped}':*", search_type="raw", config="simple")


def _word_matches(word: str) -> Q:
    condition = Q(search_vector=_prefix_query(word)) | Q(search_text__contains=word)
    if len(word) >= 4:
        condition |= Q(search_text__trigram_word_similar=word)
    return condition


def search_organizations(queryset: QuerySet, query: str) -> QuerySet:
    query = (query or "").strip()[:MAX_QUERY_LENGTH]
    words = query_words(query)
    whole = compact(query)
    if not words and not whole:
        return queryset.none()
    every_word = Q()
    for word in words:
        every_word &= _word_matches(word)
    name_similarity = TrigramWordSimilarity(Value(whole), "search_names")
    rank_query = None
    for word in words:
        rank_query = _prefix_query(word) if rank_query is None else rank_query | _prefix_query(word)
    # A faint likeness of names (a shared trigram) says nothing; only a close one ranks.
    annotated = queryset.annotate(name_similarity=name_similarity).annotate(
        name_rank=Case(
            When(name_similarity__gte=NAME_SIMILARITY, then=F("name_similarity")),
            default=Value(0.0),
            output_field=FloatField(),
        )
    )
    if rank_query is not None:
        annotated = annotated.annotate(
            text_rank=Coalesce(
                SearchRank(F("search_vector"), rank_query, normalization=Value(1)),
                0.0,
                output_field=FloatField(),
            )
        )
    else:
        annotated = annotated.annotate(text_rank=Value(0.0, output_field=FloatField()))
    matches = (every_word if words else Q(pk__in=[])) | Q(name_similarity__gte=NAME_SIMILARITY)
    return annotated.filter(matches).order_by("-name_rank", "-text_rank", "name_ko")
