"""Two stories of the same weight side by side on a small weekly's page, for the pick
mode: the extractor takes one and is unsure, the person picks the other."""

from __future__ import annotations

FIRST = (
    "The council voted on Tuesday to turn the old tram depot into a covered market, after "
    "three years of debate about what to do with the empty hall near the river. "
    "Traders will rent stalls from next autumn, and the roof will carry solar panels that "
    "cover most of the building's power. ")
SECOND = (
    "The rowing club celebrated its hundredth season with a regatta on the lake, where crews "
    "from eleven towns raced over two thousand metres in light rain and a steady wind. "
    "The youth eight won its race by half a length, and the club's oldest member started "
    "the final with the pistol used at the first regatta. ")


def two_stories() -> str:
    first = "\n".join(f"<p>{i}. {FIRST}</p>" for i in range(3))
    second = "\n".join(f"<p>{i}. {SECOND}</p>" for i in range(3))
    return f"""<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Riverside Weekly</title></head>
<body>
<header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
<div class="left">
<div class="box">
<div class="story">
<h2>Tram depot becomes a covered market</h2>
{first}
</div>
</div>
</div>
<div class="right">
<div class="box">
<div class="story">
<h2>Rowing club rows its hundredth season</h2>
{second}
</div>
</div>
</div>
<footer><p>Riverside Weekly, 12 Quay Street</p></footer>
</body>
</html>
"""
