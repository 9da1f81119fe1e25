"""Suggested groups of similar comments."""

from hypothesis import given
from hypothesis import strategies as st

from gongkai.solicitation.similarity import jaccard, shingles, similar_groups


def test_near_identical_comments_are_grouped_and_different_ones_are_not():
    texts = {
        1: "建议将公共停车场的收费标准降低一些，减轻市民负担。",
        2: "建议降低公共停车场的收费标准，减轻市民负担！",
        3: "第五条中“主管部门”的表述不清，应明确为市交通运输局。",
        4: "建议将公共停车场收费标准降低，减轻市民的负担",
        5: "同意。",
    }
    assert similar_groups(texts) == [[1, 2, 4]]


def test_punctuation_spaces_and_full_width_forms_do_not_matter():
    assert shingles("ＡＢ c，d") == shingles("abcd")


def brute_force(texts, threshold):
    sets = {key: shingles(text) for key, text in texts.items()}
    keys = sorted(key for key in sets if sets[key])
    parent = {key: key for key in keys}

    def root(key):
        while parent[key] != key:
            key = parent[key]
        return key

    for position, first in enumerate(keys):
        for second in keys[position + 1 :]:
            if jaccard(sets[first], sets[second]) >= threshold:
                parent[root(first)] = root(second)
    groups = {}
    for key in keys:
        groups.setdefault(root(key), []).append(key)
    return sorted((sorted(g) for g in groups.values() if len(g) > 1), key=lambda g: g[0])


@given(st.lists(st.text(alphabet="停车收费标准降低建议市民", min_size=0, max_size=12), max_size=12))
def test_prefix_filtering_finds_exactly_what_comparing_every_pair_finds(words):
    texts = dict(enumerate(words, start=1))
    assert similar_groups(texts) == brute_force(texts, 0.5)
