"""Batches for data-parallel engines (dask, Spark, Ray, Hugging Face ``datasets``): texts
or JSON Lines records in, JSON-ready dicts out.

Engines call these from their own workers, so every function here is pure, module-level and
picklable. A record comes out exactly as ``newsclean --input-format jsonl`` writes its line:
the same options, the same checks and the one serializer (:mod:`newsclean.io.jsonl`).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any, Literal

from newsclean.arguments import require_instance, require_labeller, require_source, require_text
from newsclean.article import parse_article
from newsclean.io.jsonl import LineOptions, record_output, record_text
from newsclean.io.render import KEEPABLE, CleanOptions
from newsclean.model import DEFAULT_LABELLER, Labeller, QuoteStyle, Source

#: What a record's text field gets: ``"text"`` the article as ``--format text`` shows it;
#: ``"jsonl"`` the whole fixed text, plus the parsed article under ``"newsclean"``.
RecordFormat = Literal["text", "jsonl"]


def line_options(
    *,
    text_field: str = "text",
    quotes: QuoteStyle = "straight",
    fmt: RecordFormat = "text",
    keep: Collection[str] = (),
    only_body: bool = False,
    labeller: Labeller = DEFAULT_LABELLER,
    source: Source | Literal["auto"] = "auto",
) -> LineOptions:
    """Check the batch options and return them as the command line's :class:`LineOptions`.

    ``labeller`` is ``--labeller``: the learned labeller unless ``"rules"`` is named;
    ``source`` is ``--input``: the shape of the texts (``"auto"``: found per text).

    >>> line_options(fmt="jsonl", keep=["captions"]).clean.keep
    frozenset({'captions'})
    >>> line_options(labeller="rules").clean.labeller
    'rules'
    >>> line_options(source="extractor").clean.source
    'extractor'
    """
    if fmt not in ("text", "jsonl"):
        raise ValueError(f'fmt must be "text" or "jsonl", got {fmt!r}')
    unknown = sorted(set(keep) - set(KEEPABLE))
    if isinstance(keep, str) or unknown:
        raise ValueError(f"keep takes a list of: {', '.join(KEEPABLE)}; got {keep!r}")
    labeller = require_labeller(labeller, "line_options")
    shape = require_source(source, "line_options")
    clean = CleanOptions(quotes, fmt, frozenset(keep), only_body, shape, labeller)
    return LineOptions(text_field, clean)


def map_record(record: Mapping[str, Any], **options: Any) -> dict[str, Any]:
    """Return a JSON Lines record cleaned as ``newsclean --input-format jsonl`` writes it.

    Every field but ``text_field`` passes through in order. ``options`` are those of
    :func:`line_options`. Raises ``ValueError`` (a ``RecordError``) for a record without a
    string in ``text_field``, so an engine reports the bad record.

    >>> map_record({"id": 7, "text": "Rain  falls."})
    {'id': 7, 'text': 'Rain falls.'}
    >>> map_record({"body": "Rain"}, text_field="body", fmt="jsonl")["newsclean"]["headline"]
    'Rain'
    """
    return _mapped(record, line_options(**options))


def clean_batch(texts: Sequence[str], **options: Any) -> list[dict[str, Any]]:
    """Clean a batch of article texts: one record ``{"text": …}`` per text, as
    :func:`map_record` makes it (``fmt="jsonl"`` adds the parsed article).

    >>> clean_batch(["Rain  falls.", "Sun"], fmt="jsonl")[1]["newsclean"]["blocks"][0]["kind"]
    'headline'
    """
    require_instance(texts, Sequence, "clean_batch", "pass a list of texts")
    if isinstance(texts, str):
        raise TypeError("clean_batch() takes a list of texts, got one str: pass [text]")
    settings = line_options(**{"text_field": "text", **options})
    field = settings.text_field
    return [_mapped({field: require_text(text, "clean_batch")}, settings) for text in texts]


def map_records(records: Iterable[Mapping[str, Any]], **options: Any) -> list[dict[str, Any]]:
    """Clean a batch of JSON Lines records (an engine's partition) with :func:`map_record`.

    >>> map_records([{"text": "A"}, {"text": "B  c."}])
    [{'text': 'A'}, {'text': 'B c.'}]
    """
    settings = line_options(**options)
    return [_mapped(record, settings) for record in records]


def _mapped(record: Mapping[str, Any], options: LineOptions) -> dict[str, Any]:
    fields = dict(record) if isinstance(record, Mapping) else record  # else: refused below
    text = record_text(fields, options.text_field)
    clean = options.clean
    article = parse_article(text, quotes=clean.quotes, source=clean.source, labeller=clean.labeller)
    return record_output(fields, article, options)
