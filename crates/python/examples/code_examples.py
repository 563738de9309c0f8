"""petrel from Python, notebook style, over the bundled examples.

    python crates/python/examples/code_examples.py        # from the repository root

Needs the petrel wheel installed (docs/python.md); pyarrow and pandas for the last cell.
"""

# %% Load the model, the built-in dictionaries and the gazetteer once.
import collections
import pathlib

import petrel

coder = petrel.Coder()
examples = pathlib.Path("examples")

# %% One story: a list of dicts, each a line of `petrel code --format jsonl`.
text = (examples / "kishida.txt").read_text(encoding="utf-8")
for event in coder.code(text, doc_id="kishida"):
    target = event["target"]["code"] if event["target"] else "-"
    print(event["date"], event["source"]["code"], event["cameo"], target, event["trigger"]["text"])

# %% Many stories on two threads, streamed in input order. A story without a date of its own gets
# one from its record; here the date of the examples' week.
stories = [
    {"id": p.name, "text": p.read_text(encoding="utf-8", errors="replace"), "date": "2017-03-20"}
    for p in sorted(examples.glob("*.txt"))
]
stream = coder.code_many(stories, threads=2)
roots = collections.Counter(event["cameo_root"] for event in stream)
print(stream.summary)
print(roots.most_common(5))

# %% How petrel reads a sentence, and what an actor phrase resolves to.
for token in petrel.parse("Japan's foreign minister met Lavrov in Tokyo.")[0]["tokens"]:
    print(token["id"], token["form"], token["upos"], token["head"], token["deprel"])
print(coder.actor("Japanese Foreign Minister", "2017-03-20")["code"])

# %% A pandas DataFrame in, a pyarrow table of events (the CSV layout's columns) out.
try:
    import pandas as pd
except ImportError:
    pd = None
if pd is not None:
    frame = pd.DataFrame(stories)
    events = coder.code_arrow(frame).to_pandas()
    print(events[["doc_id", "source_code", "cameo", "target_code", "goldstein"]].head())
