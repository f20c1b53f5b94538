"""jzrol's statistics against independent implementations (scipy, NLTK, scikit-learn) on jzrol's own tokens.

Each test feeds the other library the same counts or the same token sequence and compares every row, so
a change that breaks a formula fails here.
"""

import itertools

import numpy as np
import pandas as pd
import pytest
from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder
from scipy.stats import chi2_contingency, fisher_exact
from sklearn.feature_extraction.text import TfidfVectorizer

from jzrol import association, terms


@pytest.fixture(scope="module")
def seed_tokens(seed):
    return terms.tokens(seed.units)


def _tables(table, target_size, reference_size):
    for row in table.itertuples(index=False):
        a, b = row.n_target, row.n_reference
        yield row, [[a, target_size - a], [b, reference_size - b]]


def _sizes(toks, target, reference):
    """Counted tokens (policy verbs dropped) of the target parts and of the reference parts."""
    kept = toks[~toks.stop & ~toks.policy_verb]
    return (int(kept[kept.part.isin(target)].shape[0]), int(kept[kept.part.isin(reference)].shape[0]))


def test_keyness_g2_and_p_against_scipy_on_the_seed(seed_tokens):
    table = terms.keyness_between(seed_tokens, {"part": [2]}, {"part": [1]}, policy_verbs="drop")
    c, d = _sizes(seed_tokens, [2], [1])
    assert len(table) > 100
    for row, cells in _tables(table, c, d):
        g2, p_g2, _, _ = chi2_contingency(cells, correction=False, lambda_="log-likelihood")
        assert row.g2 == pytest.approx(g2, abs=1e-4), row.term
        assert row.p_g2 == pytest.approx(p_g2, rel=1e-6), row.term
        if row.p_method == "fisher":
            assert row.p == pytest.approx(fisher_exact(cells).pvalue, rel=1e-6), row.term


def test_keyness_against_scipy_on_two_state_council_reports(corpus_reports):
    """Two whole work reports (1954 and the latest) as target and reference: big and small counts, many zeros."""
    first, last = corpus_reports[0], corpus_reports[-1]
    units = pd.concat([first.units, last.units], ignore_index=True)
    toks = terms.tokens(units)
    table = terms.keyness_between(toks, {"doc_id": first.doc_id}, {"doc_id": last.doc_id}, min_n=1)
    kept = toks[~toks.stop]
    c, d = (kept.doc_id == first.doc_id).sum(), (kept.doc_id == last.doc_id).sum()
    assert len(table) > 1000 and set(table.p_method) == {"fisher", "g2"}
    rows = table.iloc[np.linspace(0, len(table) - 1, 300).astype(int)]
    for row, cells in _tables(rows, c, d):
        g2, p_g2, _, expected = chi2_contingency(cells, correction=False, lambda_="log-likelihood")
        assert row.g2 == pytest.approx(g2, abs=1e-4), row.term
        assert row.p_method == ("fisher" if expected.min() < 5 else "g2"), row.term
        exact = fisher_exact(cells).pvalue
        assert row.p == pytest.approx(exact if row.p_method == "fisher" else p_g2, rel=1e-6, abs=1e-300), row.term
        assert row.direction == np.sign(cells[0][0] / c - cells[1][0] / d), row.term


def test_fisher_exact_p_against_scipy_on_random_tables():
    """Small and large tables, against a general-Chinese-sized reference too (the narrow and the wide path)."""
    rng = np.random.default_rng(18)
    sizes = [(137, 887), (5_000, 60_000_000), (40, 60), (20_000, 90_000)]
    for c, d in sizes:
        a = rng.integers(0, min(c, 40) + 1, 60).astype(float)
        b = rng.integers(0, min(d, 80) + 1, 60).astype(float)
        a[a + b == 0] = 1
        mine = association.fisher_exact_p(a, b, float(c), float(d))
        theirs = [fisher_exact([[x, c - x], [y, d - y]]).pvalue for x, y in zip(a, b)]
        assert mine == pytest.approx(theirs, rel=1e-6, abs=1e-300)


def _runs(toks):
    """The token sequence cut into runs of consecutive counted terms within a sentence (NLTK's documents)."""
    runs = []
    for (_, _), sentence in toks.groupby(["doc_id", "unit_id"], sort=False):
        for kept, run in itertools.groupby(zip(sentence.token, ~sentence.stop), key=lambda pair: pair[1]):
            if kept:
                runs.append([token for token, _ in run])
    return runs


def test_collocations_against_nltk_on_the_same_token_sequence(seed_tokens):
    finder = BigramCollocationFinder.from_documents(_runs(seed_tokens))
    pairs = finder.ngram_fd
    mine = terms.collocations(seed_tokens, min_freq=1)
    assert len(mine) == len(pairs) and mine.n_pairs.iloc[0] == pairs.N()
    first, second = {}, {}
    for (x, y), n in pairs.items():
        first[x] = first.get(x, 0) + n
        second[y] = second.get(y, 0) + n
    measures = BigramAssocMeasures()
    token_margins = dict(finder.score_ngrams(measures.pmi))
    differ = 0
    for row in mine.itertuples(index=False):
        assert row.n == pairs[(row.first, row.second)]
        assert (row.n_pairs_first, row.n_pairs_second) == (first[row.first], second[row.second])
        margins = (row.n, (row.n_pairs_first, row.n_pairs_second), row.n_pairs)
        assert row.pmi == pytest.approx(measures.pmi(*margins), abs=1e-4)
        assert row.g2 == pytest.approx(measures.likelihood_ratio(*margins), abs=1e-3)
        differ += abs(token_margins[(row.first, row.second)] - row.pmi) > 0.01
    assert differ > len(mine) / 2  # NLTK's own margins, word frequencies over tokens, are another statistic


def test_tfidf_against_scikit_learn_with_jzrols_tokens(seed_tokens):
    by = ["doc_id", "part", "section"]
    mine = terms.tfidf_keywords(seed_tokens, by=by, top_n=10_000)
    kept = seed_tokens[~seed_tokens.stop & ~seed_tokens.policy_verb]
    groups = [(key, group.token.tolist()) for key, group in kept.groupby(by, sort=True)]
    vectorizer = TfidfVectorizer(analyzer=lambda tokens: tokens, norm=None, smooth_idf=True, sublinear_tf=False)
    matrix = vectorizer.fit_transform([tokens for _, tokens in groups]).toarray()
    column = {term: i for i, term in enumerate(vectorizer.get_feature_names_out())}
    sizes = {key: len(tokens) for key, tokens in groups}
    assert len(mine) == sum(len(set(tokens)) for _, tokens in groups)
    for row in mine.itertuples(index=False):
        key = (row.doc_id, row.part, row.section)
        position = [k for k, _ in groups].index(key)
        # scikit-learn weighs raw counts; jzrol weighs the term's share of the group's tokens
        assert row.tfidf * sizes[key] == pytest.approx(matrix[position, column[row.term]], abs=sizes[key] * 1e-6)
