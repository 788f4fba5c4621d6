"""The learned labeller: the shipped model, its features, probabilities and explanations."""

from __future__ import annotations

import json
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import replace
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import any_text

from newsclean.article import parse_article
from newsclean.blocks.paragraphs import segment_paragraphs
from newsclean.blocks.shape import body_bounds, context_of, is_title_case
from newsclean.cli.main import main
from newsclean.learn import labeller
from newsclean.learn.labeller import (
    LEARNED_KINDS,
    MAX_READINGS,
    PACK_BLOCKS,
    SHOWN_KINDS,
    Model,
    PackedFeatures,
    Stage,
    choose,
    explain,
    first_features,
    label_blocks_learned,
    lexical_features,
    load_model,
    make_stage,
    model_from_data,
    probabilities,
    score_page,
    second_features,
    second_probabilities,
    stage_probabilities,
    weighed_signals,
    with_furniture_signals,
)
from newsclean.model import Block, Span

PARA = (
    "The lighthouse keepers' union said on Friday that the last two staffed towers on the "
    "coast would close in the autumn, ending a job that has outlasted radar."
)
LATER = (
    "Both towers were built in the 1870s, and their lamps were turned by clockwork until "
    "the keepers fitted electric motors a century later."
)
ARTICLE = (
    "Keepers leave the last towers\n\n"
    f"{PARA}\n\n"
    "Photo: A keeper climbs the stair of the north tower in 1962. (Harbour Archive)\n\n"
    f"{LATER}\n\n"
    "Share this article\n\n"
    "Advertisement\n"
)


def _blocks(*texts: str) -> list[Block]:
    return [Block(t, i + 1, Span(0, len(t))) for i, t in enumerate(texts)]


def _halved(model: Model) -> Model:
    """The model with every other feature of each stage forgotten (as if trained long ago)."""

    def half(stage: Stage) -> Stage:
        kept = {n: row for i, (n, row) in enumerate(sorted(stage.table.items())) if i % 2}
        return make_stage(stage.bias, kept)

    return replace(model, first=half(model.first), second=half(model.second))


def test_the_shipped_model_loads_and_is_small() -> None:
    model = load_model()
    assert model.kinds == LEARNED_KINDS
    assert model.first.table
    assert model.second.table
    size = len(resources.files("newsclean.learn").joinpath("labeller.json").read_bytes())
    assert size <= 5_000_000


def test_the_shipped_model_names_its_data_sources() -> None:
    about = load_model().about
    assert about["trained_pages"] > 1000
    assert "train-pages" in about["trained_on"]


def test_an_unknown_feature_weighs_nothing() -> None:
    stage = load_model().first
    features = first_features(_blocks(PARA, "Share this article"))[1]
    with_unknown = {**features, "sig:caption:a-signal-added-since-training": 1.0}
    assert stage_probabilities(stage, with_unknown) == stage_probabilities(stage, features)


def test_a_model_missing_features_still_labels_every_block() -> None:
    blocks = segment_paragraphs(ARTICLE)
    for model in (_halved(load_model()), replace(load_model(), second=make_stage((0.0,) * 4, {}))):
        labelled = label_blocks_learned(blocks, model)
        assert [b.text for b in labelled] == [b.text for b in blocks]
        assert all(b.kind in LEARNED_KINDS for b in labelled)


def test_a_model_with_foreign_kinds_is_refused() -> None:
    stage = {"bias": [0.0], "weights": {}}
    with pytest.raises(ValueError, match="cannot give"):
        model_from_data({"kinds": ["footnote"], "first": stage, "second": stage})


def test_a_model_with_short_rows_is_refused() -> None:
    stage = {"bias": [0.0, 0.0], "weights": {"f": [1.0]}}
    with pytest.raises(ValueError, match="one weight per kind"):
        model_from_data({"kinds": ["paragraph", "caption"], "first": stage, "second": stage})


def test_invented_article_kinds() -> None:
    kinds = [b.kind for b in parse_article(ARTICLE, labeller="learned").blocks]
    assert kinds == ["headline", "paragraph", "caption", "paragraph", "boilerplate", "boilerplate"]


def test_why_names_the_deciding_features() -> None:
    article = parse_article(ARTICLE, labeller="learned")
    caption = article.blocks[2]
    assert caption.why[0] == "learned"
    known = set(load_model().first.table)
    assert 1 < len(caption.why) <= 4
    assert set(caption.why[1:]) <= known
    assert caption.label == "Photo"


def test_probabilities_sum_to_one_and_headlines_are_sure() -> None:
    blocks = parse_article(ARTICLE, labeller="learned").blocks
    probs = probabilities(blocks)
    assert len(probs) == len(blocks)
    assert probs[0] == {"headline": 1.0}
    for p in probs[1:]:
        assert set(p) == set(LEARNED_KINDS)
        assert abs(sum(p.values()) - 1.0) < 1e-9
    assert probs[1]["paragraph"] > 0.5
    assert probs[2]["caption"] > 0.5
    assert probabilities(blocks) == probs  # pure


def test_lexical_features_read_words_once_casefolded_with_digits_as_zero() -> None:
    f = lexical_features("Updated 12 MARCH 2024")
    assert f["first:updated"] == f["last:0000"] == f["shape:X0A0"] == 1.0
    assert "w:march" in f
    assert "b:00_march" in f


def test_empty_page_has_no_probabilities() -> None:
    assert probabilities([]) == ()
    assert label_blocks_learned([]) == ()


def test_label_blocks_learned_refuses_text() -> None:
    with pytest.raises(TypeError, match="Block"):
        label_blocks_learned("Share this")  # type: ignore[arg-type]


@given(any_text)
def test_labelling_changes_only_labels(text: str) -> None:
    blocks = segment_paragraphs(text)
    labelled = label_blocks_learned(blocks)
    assert [(b.text, b.span, b.line) for b in labelled] == [
        (b.text, b.span, b.line) for b in blocks
    ]


def test_the_model_file_is_valid_json_keyed_by_feature_name() -> None:
    data = json.loads(resources.files("newsclean.learn").joinpath("labeller.json").read_text())
    assert set(data) >= {"kinds", "first", "second", "trained_on"}
    assert all(isinstance(name, str) for name in data["first"]["weights"])


def test_parse_article_refuses_an_unknown_labeller() -> None:
    with pytest.raises(ValueError, match="labeller= one of 'rules', 'learned'"):
        parse_article(ARTICLE, labeller="neural")  # type: ignore[arg-type]


def test_the_model_is_the_default_and_the_command_line_can_ask_for_the_rules(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert all(b.why[0] == "learned" for b in parse_article(ARTICLE).blocks[1:])
    assert all("learned" not in b.why for b in parse_article(ARTICLE, labeller="rules").blocks)
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    assert main(["--format", "json", str(path)]) == 0
    blocks = json.loads(capsys.readouterr().out)["blocks"]
    assert [b["why"][0] for b in blocks[1:]] == ["learned"] * (len(blocks) - 1)
    assert main(["--labeller", "rules", "--format", "json", str(path)]) == 0
    blocks = json.loads(capsys.readouterr().out)["blocks"]
    assert all("learned" not in b["why"] for b in blocks)


def test_the_second_stage_scores_as_its_named_features_do() -> None:
    # the fast path builds no feature dicts; it must give the very numbers the names give
    model = load_model()
    blocks = parse_article(ARTICLE, labeller="learned").blocks
    first = first_features(blocks)
    probs = [stage_probabilities(model.first, f) for f in first]
    named = second_features(first, probs, model.kinds)
    slow = tuple(stage_probabilities(model.second, f) for f in named)
    assert second_probabilities(model.second, probs, model.kinds) == slow


def test_explain_names_the_strongest_pushes_as_a_slow_reading_does() -> None:
    model = load_model()
    for features in first_features(segment_paragraphs(ARTICLE)):
        for k in range(len(model.kinds)):
            rows = model.first.centred
            pushes = sorted(
                (-rows[n][k] * v, n)
                for n, v in features.items()
                if n in rows and rows[n][k] * v > 0
            )
            assert explain(model.first, features, k) == tuple(n for _, n in pushes[:3])


def test_a_long_block_is_described_without_rule_signals() -> None:
    # the signals are asked of short blocks only: a long block is no heading, no credit line
    # (a long block before a longer one "introduces" it, asked; the model learned without)
    long, longer = " ".join([LATER] * 3), " ".join([PARA] * 4)
    features = first_features(_blocks(PARA, long, longer, "Advertisement"))
    assert not any(name.startswith("sig:") for name in features[1])
    assert features[3]["sig:boilerplate:furniture-phrase"] == 1.0
    assert features[2]["n1:sig:boilerplate:furniture-phrase"] == 1.0  # a short neighbour's


def test_a_doubted_full_paragraph_still_asks_the_furniture_signals() -> None:
    # choose() keeps plain prose unless a furniture signal fires, whatever the model reads
    blocks = _blocks(PARA, "Advertisement")
    features = with_furniture_signals(blocks, 1, {"full-paragraph": 1.0})
    assert features["sig:boilerplate:furniture-phrase"] == 1.0
    assert choose((0.3, 0.0, 0.0, 0.7), features, LEARNED_KINDS) == 3
    assert with_furniture_signals(blocks, 0, {"full-paragraph": 1.0}) == {"full-paragraph": 1.0}


def test_title_case_is_memoised() -> None:
    is_title_case.cache_clear()
    for _ in range(3):
        assert is_title_case("Keepers Leave the Last Towers")
    assert is_title_case.cache_info().hits == 2


# --- settling: a cleaned text read again keeps what it shows -----------------------------


def _last_is_furniture() -> Model:
    """A one-stage model that takes the last block of whatever it reads for furniture."""
    first = {"bias": [0.0] * 4, "weights": {"n1:missing": [0.0, 0.0, 0.0, 6.0]}}
    second = {"bias": [0.0] * 4, "weights": {}}
    return model_from_data({"kinds": list(LEARNED_KINDS), "first": first, "second": second})


def _shown(blocks: Sequence[Block]) -> list[Block]:
    return [b for b in blocks if b.kind in SHOWN_KINDS]


def test_settled_labels_are_those_a_second_reading_gives() -> None:
    model = _last_is_furniture()
    blocks = segment_paragraphs(f"{PARA}\n\n{LATER}\n\nThe end.\n")
    labelled = label_blocks_learned(blocks, model)
    # a reading of what is shown takes the new last block out, and so on: one paragraph stays
    assert [b.kind for b in labelled] == ["paragraph", "boilerplate", "boilerplate"]
    again = label_blocks_learned(_shown(labelled), model)
    assert _shown(again) == _shown(labelled)


def test_settling_reads_a_long_tail_a_bounded_number_of_times(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    model = _last_is_furniture()
    readings = []
    score = labeller.score_page
    monkeypatch.setattr(labeller, "score_page", lambda *a: readings.append(1) or score(*a))
    for lines in (40, 160):
        readings.clear()
        label_blocks_learned(segment_paragraphs(f"{PARA}\n\n" + "A a a.\n\n" * lines), model)
        assert len(readings) == 1 + MAX_READINGS


LINES = (PARA, LATER, "Share this", "Advertisement", "Photo: Jane Doe", "Home", "Read more",
         "By Ann Lee", "Ann Lee is our harbour reporter.", "The end.", "Rain", "LONDON (Reuters) -",
         "A crowd waits. (AP Photo/Jo Lin)", "Jo Lin/AP", "Storm: the pier at dawn")  # fmt: skip


def _asked(blocks: Sequence[Block], index: int) -> tuple[tuple[object, ...], tuple[str, ...]]:
    first, last = body_bounds(blocks)
    context = context_of(blocks, index, first_body=first, last_body=last)
    fired = tuple(n for n, fires in labeller.READ_SIGNALS if fires(blocks[index], context))
    return labeller.signal_key(blocks[index], context), fired


@given(st.lists(st.sampled_from(LINES), min_size=1, max_size=12), st.data())
def test_equal_signal_keys_mean_equal_signals(texts: list[str], data: st.DataObject) -> None:
    """A block read again with fewer blocks around: where its key is the same, every rule
    signal answers the same, so a memo keyed by it is exact (fails for a key of the block
    alone: a byline's signals change with the body's bounds and its neighbours)."""
    blocks = _blocks(*texts)
    kept = data.draw(st.lists(st.sampled_from(range(len(blocks))), unique=True, min_size=1))
    view = [blocks[i] for i in sorted(kept)]
    for j, i in enumerate(sorted(kept)):
        key, fired = _asked(blocks, i)
        again_key, again = _asked(view, j)
        if key == again_key:
            assert fired == again


def test_labelling_with_and_without_the_memo_agree() -> None:
    blocks = _blocks("Home", "By Ann Lee", PARA, "Jo Lin/AP", LATER, "Share this", "Rain")
    model = load_model()
    fresh = labeller.settled(blocks, labeller._label_once(blocks, (), model), model)
    assert label_blocks_learned(blocks) == fresh


def _last_is_likely_furniture() -> Model:
    """A one-stage model that finds the last block of what it reads likely furniture."""
    first = {"bias": [0.0] * 4, "weights": {"n1:missing": [0.0, 0.0, 0.0, 2.0]}}
    second = {"bias": [0.0] * 4, "weights": {}}
    return model_from_data({"kinds": list(LEARNED_KINDS), "first": first, "second": second})


def test_the_last_block_is_not_furniture_on_its_place_alone() -> None:
    model = _last_is_likely_furniture()
    short_end = label_blocks_learned(segment_paragraphs(f"{PARA}\n\nThe end.\n"), model)
    assert [b.kind for b in short_end] == ["paragraph", "paragraph"]
    share_end = label_blocks_learned(segment_paragraphs(f"{PARA}\n\nShare this\n"), model)
    assert [b.kind for b in share_end] == ["paragraph", "boilerplate"]


CREDITED = "The north tower at dusk. Photo: Jane Doe/Reuters"


def _without(model: Model, signal: str) -> Model:
    """The model as if trained without one rule signal (on the block and its neighbours)."""
    kept = {n: row for n, row in model.first.table.items() if f"sig:{signal}" not in n}
    return replace(model, first=make_stage(model.first.bias, kept))


def test_a_signal_the_model_does_not_weigh_is_never_asked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: dict[str, int] = {}

    def counted(name: str, fires: Callable[..., bool]) -> Callable[..., bool]:
        def wrapper(*args: object) -> bool:
            asked[name] = asked.get(name, 0) + 1
            return fires(*args)

        return wrapper

    signals = tuple((n, counted(n, f)) for n, f in labeller.READ_SIGNALS)
    monkeypatch.setattr(labeller, "READ_SIGNALS", signals)
    # the features of one reading (labelling may read a page twice: see settled)
    labeller.first_features(
        _blocks(PARA, CREDITED, LATER), _without(load_model(), "caption:credit")
    )
    assert "caption:credit" not in asked
    assert asked["boilerplate:byline"] == 3


def _weighing_every_signal_but(signal: str) -> Model:
    """A model with a weight for every rule signal but one (whatever the shipped one drops)."""
    table = {f"sig:{n}": (1.0, 0.0, 0.0, 0.0) for n, _ in labeller.READ_SIGNALS if n != signal}
    shipped = load_model()
    return replace(shipped, first=make_stage(shipped.first.bias, table))


def test_a_model_reads_only_the_signals_it_weighs() -> None:
    model = _weighing_every_signal_but("caption:credit")
    assert "caption:credit" not in (model.first.signals or ())
    assert weighed_signals({"n2:sig:caption:credit": (1.0,)}) == {"caption:credit"}
    assert Stage((0.0,), {}).signals is None  # a stage built by hand asks every signal
    blocks = _blocks(PARA, CREDITED, LATER)
    everything = first_features(blocks)
    assert everything[1]["sig:caption:credit"] == 1.0
    assert everything[0]["n1:sig:caption:credit"] == 1.0
    dropped = [{n: v for n, v in f.items() if "caption:credit" not in n} for f in everything]
    assert list(first_features(blocks, model)) == dropped


def _long_page() -> tuple[Block, ...]:
    blocks = segment_paragraphs("\n\n".join([PARA, LATER, "Share this article"] * 70))
    assert len(blocks) > PACK_BLOCKS
    return blocks


def test_a_scored_long_page_keeps_its_features_packed_with_the_models_names() -> None:
    model = load_model()
    blocks = _long_page()
    assert not isinstance(score_page(blocks[:PACK_BLOCKS], model).features, PackedFeatures)
    scored = score_page(blocks, model)
    assert isinstance(scored.features, PackedFeatures)
    assert list(scored.features) == list(first_features(blocks, model))
    assert list(scored.features[1:3]) == list(first_features(blocks, model))[1:3]
    known = [n for names in scored.features.names for n in names if n in model.first.names]
    assert known
    assert all(n is model.first.names[n] for n in known)
    given_first = score_page(blocks, model, first_features(blocks, model))
    assert given_first.probs == scored.probs


def _retained(make: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        kept = make()
        grown = tracemalloc.get_traced_memory()[0] - before
        assert kept is not None  # alive while measured
        return grown
    finally:
        tracemalloc.stop()


def test_a_scored_long_page_holds_far_less_than_its_feature_dicts() -> None:
    # memory grows with the page: what a page keeps per block decides the bytes per byte
    model = load_model()
    blocks = _long_page()
    score_page(blocks, model), first_features(blocks, model)  # fill the shape caches first
    scored = _retained(lambda: score_page(blocks, model))
    dicts = _retained(lambda: first_features(blocks, model))
    assert scored < 0.6 * dicts
