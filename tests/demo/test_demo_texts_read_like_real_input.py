"""The demo's input reads like a kommune's: no templated sentences, no near-duplicates."""

from __future__ import annotations

import re
from itertools import combinations

from engage.demo import texts

WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def test_no_two_demo_texts_share_their_first_five_words():
    openings: dict[tuple[str, ...], str] = {}
    for text in texts.all_texts():
        opening = tuple(words(text)[:5])
        assert opening not in openings, (text, openings.get(opening))
        openings[opening] = text


def test_no_two_demo_texts_are_near_duplicates():
    sets = [(text, set(words(text))) for text in texts.all_texts()]
    for (a, wa), (b, wb) in combinations(sets, 2):
        if wa and wb:
            assert len(wa & wb) / len(wa | wb) <= 0.6, (a, b)


def test_the_demo_speaks_four_languages_mostly_bokmaal():
    ideas = [lang for items in texts.IDEAS.values() for lang, _text in items]
    share = {lang: ideas.count(lang) / len(ideas) for lang in ("nb", "nn", "en", "pl")}
    assert share["nb"] > 0.4 and share["nn"] > 0.2 and share["en"] > 0.05 and share["pl"] > 0.05
    lengths = [len(text) for text in texts.all_texts()]
    assert min(lengths) < 10 and max(lengths) > 200  # one-liners and paragraphs


def test_demo_input_uses_every_text_once_and_keeps_interview_notes_internal(app, db):
    from sqlalchemy import select

    from engage.demo.seed import seed_demo
    from engage.models import Answer, Question
    from engage.themes.inputs import select_input

    with db as session:
        result = seed_demo(today=None)
        stored = [a.text for a in session.scalars(select(Answer)) if a.text]
        assert len(stored) == len(set(stored))
        internal = {
            a.text for a in session.scalars(select(Answer).join(Question).where(Question.internal))
        }
        assert "Ringe igjen i februar om arealplanen og prisen på bygget." in internal
        analysed = {item.text for item in select_input(result.project, {})}
        assert analysed and not analysed & internal
        questions = [q for a in result.project.activities for q in a.questions]
        assert all(set(q.translations) == {"nn", "en", "pl"} for q in questions)
        session.rollback()
