"""A small news page written for the site-rules tests: a masthead, an article with a share bar,
a fact box, a tags list and a related box, a comments prompt and a footer."""

from __future__ import annotations

PARAGRAPHS = (
    "The harbour authority approved the long-delayed dredging plan on Tuesday evening, ending "
    "a dispute that had kept larger cargo ships away from the port for almost three years.",
    "Work on the northern channel will start in March, the authority said, and is expected to "
    "take eighteen months. Fishermen had warned that the silt would smother the oyster beds "
    "along the eastern shore, and the plan now moves the spoil to a site further out at sea.",
    "Local businesses welcomed the decision. The chamber of commerce said the deeper channel "
    "would bring back the container line that left in 2023, and with it about two hundred jobs.",
    "Environmental groups said they would watch the work closely and asked for monthly reports "
    "on water quality, which the authority agreed to publish on its website.",
)


def news_page(fact_box_class: str = "factbox") -> str:
    """The page; the fact box's class can be changed to make the extractor drop it."""
    paragraphs = "\n".join(f"      <p>{p}</p>" for p in PARAGRAPHS)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Harbour dredging plan approved after three-year dispute</title>
</head>
<body>
  <header class="masthead">
    <a href="/"><img src="/logo.png" alt="The Bay Courier"></a>
    <nav class="main-menu"><a href="/news">News</a> <a href="/sport">Sport</a>
      <a href="/opinion">Opinion</a></nav>
  </header>
  <main>
    <article class="story">
      <h1>Harbour dredging plan approved after three-year dispute</h1>
      <div class="share-bar">
        <a href="https://twitter.com/intent/tweet?url=https://courier.example/harbour">Tweet</a>
        <a href="https://www.facebook.com/sharer/sharer.php?u=https://courier.example/harbour">Share</a>
        <a href="mailto:?subject=Harbour">Email</a>
      </div>
{paragraphs}
      <div class="{fact_box_class}">
        <p>Dredging depth: 14 metres. Cost: 38 million euros. Start: March.</p>
      </div>
      <ul class="tags">
        <li><a href="/tag/harbour">Harbour</a></li>
        <li><a href="/tag/environment">Environment</a></li>
        <li><a href="/tag/business">Business</a></li>
      </ul>
      <aside class="related">
        <h3>Related stories</h3>
        <ul>
          <li><a href="/news/oyster-beds">Oyster farmers fear for their beds</a></li>
          <li><a href="/news/container-line">Container line leaves the bay</a></li>
          <li><a href="/news/port-budget">Port budget cut again</a></li>
        </ul>
      </aside>
      <div class="comments-cta"><a href="#comments">Leave a comment</a></div>
    </article>
  </main>
  <footer class="site-footer"><p>© The Bay Courier</p><a href="/about">About us</a></footer>
</body>
</html>
"""
