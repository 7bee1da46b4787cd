"""The scikit-learn reference the TF-IDF versions (linear-11 to linear-14) are measured against.

TF-IDF word 1-2-grams and char_wb 2-5-grams (sublinear tf, each block at unit length, side by side) with a
class-balanced logistic regression, scored out of fold on the real training posts only. It reads the posts from
../shared/data (never copies their texts) and never reads the dev file. Needs Python 3 with numpy, scipy, pandas and
scikit-learn in a virtual environment outside the repository, for example:

    python3.11 -m venv /tmp/skl && /tmp/skl/bin/pip install numpy scipy pandas scikit-learn
    npx tsx src/classify/models/folds.ts > /tmp/folds.csv
    /tmp/skl/bin/python src/classify/models/sklearn_reference.py --folds /tmp/folds.csv [--min-df 1] [--c 10] ...

Without --folds it uses scikit-learn's own StratifiedKFold(5, shuffle=True, random_state=11), the split the first
reference run used (not the project's folds). Prints emergencies found at out-of-fold precision >= 0.5 (the rule's
criterion, as thresholdAtPrecision counts them) and emergency-or-review recall with 10% of the posts flagged.
"""

import argparse
import os
import sys
import time

import numpy as np
import pandas as pd
from scipy.sparse import hstack
from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

HERE = os.path.dirname(os.path.abspath(__file__))
TRAIN = os.path.join(HERE, '..', '..', '..', '..', 'shared', 'data', 'railway_posts_train.csv')


def found_at_precision(y, scores, target=0.5):
    """Most emergencies found at a threshold (between distinct scores) whose precision is at least target."""
    order = np.argsort(-scores, kind='stable')
    s = scores[order]
    tp = np.cumsum(y[order])
    k = np.arange(1, len(y) + 1)
    last = np.r_[s[1:] != s[:-1], True]  # thresholds sit between distinct scores
    ok = last & (tp / k >= target)
    return int(tp[ok].max()) if ok.any() else 0


def flagged_recall(y, scores, share=0.1):
    """Emergency-or-review recall when the highest-scored `share` of the posts are flagged (ties not split)."""
    order = np.argsort(-scores, kind='stable')
    s = scores[order]
    budget = int(np.floor(share * len(y)))
    last = np.r_[s[1:] != s[:-1], True]
    k = np.where(last[:budget])[0]
    at = k.max() + 1 if len(k) else 0
    return y[order][:at].sum() / y.sum(), at / len(y)


def vectorizers(a):
    if a.hashing:
        # one hashed space per block, as a stand-in for the TS models' buckets
        w = HashingVectorizer(ngram_range=(1, 2), n_features=2 ** a.bits, alternate_sign=False, norm=None)
        c = HashingVectorizer(analyzer='char_wb', ngram_range=(2, 5), n_features=2 ** a.bits, alternate_sign=False, norm=None)
        return [(w, TfidfTransformer(sublinear_tf=True)), (c, TfidfTransformer(sublinear_tf=True))]
    w = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=a.min_df, lowercase=True)
    c = TfidfVectorizer(analyzer='char_wb', ngram_range=(2, 5), sublinear_tf=True, min_df=a.min_df)
    return [(w, None), (c, None)]


def fit_transform(blocks, train_texts, test_texts):
    A, B = [], []
    for v, t in blocks:
        if t is None:
            A.append(v.fit_transform(train_texts))
            B.append(v.transform(test_texts))
        else:
            A.append(t.fit_transform(v.transform(train_texts)))
            B.append(t.transform(v.transform(test_texts)))
    return hstack(A).tocsr(), hstack(B).tocsr()


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--folds', help='id,fold CSV from folds.ts; default: StratifiedKFold(5, shuffle, 11)')
    p.add_argument('--seed', type=int, default=11, help="StratifiedKFold's random_state when --folds is not given")
    p.add_argument('--min-df', type=int, default=2)
    p.add_argument('--c', type=float, default=10)
    p.add_argument('--max-iter', type=int, default=2000)
    p.add_argument('--hashing', action='store_true', help='HashingVectorizer + TfidfTransformer (no vocabulary)')
    p.add_argument('--bits', type=int, default=22)
    p.add_argument('--no-balance', action='store_true')
    p.add_argument('--scores', help='write id,score of the out-of-fold scores here (no text)')
    a = p.parse_args()
    df = pd.read_csv(TRAIN)
    y = df.emergency.values.astype(int)
    X = df.text.fillna('').values
    if a.folds:
        f = pd.read_csv(a.folds).set_index('id').loc[df.id, 'fold'].values
        splits = [(np.where(f != k)[0], np.where(f == k)[0]) for k in range(5)]
    else:
        splits = list(StratifiedKFold(5, shuffle=True, random_state=a.seed).split(X, y))
    oof = np.zeros(len(y))
    started = time.time()
    for tr, te in splits:
        A, B = fit_transform(vectorizers(a), X[tr], X[te])
        m = LogisticRegression(C=a.c, class_weight=None if a.no_balance else 'balanced', max_iter=a.max_iter).fit(A, y[tr])
        oof[te] = m.decision_function(B)
        print(f'  fold: {A.shape[1]} features, {m.n_iter_[0]} iterations, |w| {np.linalg.norm(m.coef_):.3f}, bias {m.intercept_[0]:.3f}', file=sys.stderr)
    if a.scores:
        pd.DataFrame({'id': df.id, 'score': oof}).to_csv(a.scores, index=False)
    r, share = flagged_recall(y, oof)
    print(f'{vars(a)}: found {found_at_precision(y, oof)}/{y.sum()} at OOF P >= 0.5; flagged R {r:.3f} at {share:.3f} flagged ({time.time() - started:.0f} s)')


if __name__ == '__main__':
    main()
