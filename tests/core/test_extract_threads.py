"""Discussions are clipped whole: every post in order, each led by its author and date;
answers accepted first; replies quoted one level per nesting; the opener is the byline."""

from __future__ import annotations

import re

import pytest
from lxml import html as lxml_html

from clipper.extract import extract
from clipper.extract.kinds import declares_discussion
from tests.helpers import thread_pages as pages


def _flat(markdown: str) -> str:
    return " ".join(markdown.split())


def _order(markdown: str, probes: list[str]) -> list[int]:
    flat = _flat(markdown)
    found = [flat.find(probe) for probe in probes]
    assert all(i >= 0 for i in found), (probes, markdown)
    return found


def _lines(markdown: str) -> list[str]:
    """The author lines, as written (quotes included)."""
    return [line for line in markdown.splitlines() if re.match(r"^(?:> )*\*\*[^*]+\*\* · ", line)]


def test_a_phpbb_thread_keeps_every_post_with_its_author_line() -> None:
    a = extract(pages.phpbb_thread(), "https://ponds.example/viewtopic.php?t=412")
    assert _lines(a.markdown) == [
        "**ottilie** · 2026-03-04 10:12", "**dunnock** · 2026-03-04 11:40",
        "**ottilie** · 2026-03-05 08:03"]
    starts = _order(a.markdown, [text[:50] for *_, text, _sig in pages.PHPBB_POSTS])
    assert starts == sorted(starts)
    assert a.byline == "ottilie"
    for furniture in ("My allotment diary", "Gardening since", "Quote", "Top", "Posts:",
                      "Joined:", "Who is online", "Powered by phpBB"):
        assert furniture not in a.markdown


def test_a_xenforo_thread_drops_profile_cards_signatures_and_action_bars() -> None:
    a = extract(pages.xenforo_thread(), "https://growroom.example/threads/seedlings-leggy.5512/")
    assert _lines(a.markdown) == [
        "**brambling** · 2026-02-11 19:40", "**corncrake** · 2026-02-11 21:05",
        "**brambling** · 2026-02-14 09:12"]
    _order(a.markdown, [text[:50] for *_, text in pages.XF_POSTS])
    assert a.byline == "brambling"
    assert "> Should the light come closer, or is the room too warm?" in a.markdown  # quoted
    for furniture in ("Zone 7b", "Well-known member", "Joined", "Report", "Latest threads",
                      "#2", "Terms and rules", "Click to expand"):
        assert furniture not in a.markdown
    assert not re.search(r"\b(?:Like|Reply)\b", a.markdown)


def test_a_discourse_topic_with_json_ld_reads_the_posts_from_the_page() -> None:
    url = "https://bread.example/t/sourdough-starter-smells-of-acetone/2231"
    a = extract(pages.discourse_thread(), url)
    assert _lines(a.markdown) == [
        "**wren** · 2026-01-09 08:03", "**pipit** · 2026-01-09 09:47",
        "**wren** · 2026-01-12 18:20"]
    # the whole post, not the shortened text of the structured data
    for *_, text, _likes in pages.DISCOURSE_POSTS:
        assert text in _flat(a.markdown)
    assert a.byline == "wren"
    assert "Likes" not in a.markdown
    assert "Related topics" not in a.markdown


def test_a_qa_page_puts_the_question_first_then_the_accepted_answer_then_by_votes() -> None:
    a = extract(pages.qa_page(), "https://cooking.example/questions/771/why-is-my-rye-loaf-gummy")
    assert _lines(a.markdown) == [
        "**hollis** · 2026-03-02 09:15",  # the asker, not the editor shown first
        "**kestrel** · 2026-03-02 13:20 · accepted answer",
        "**siskin** · 2026-03-03 08:45", "**fieldfare** · 2026-03-02 11:03"]
    answers = {who: text for who, _, _, _, text in pages.ANSWERS}
    starts = _order(a.markdown, [pages.QUESTION[:50], answers["kestrel"][:50],
                                 answers["siskin"][:50], answers["fieldfare"][:50]])
    assert starts == sorted(starts)
    assert a.byline == "hollis"
    for furniture in ("Share", "Follow", "1,021", "Linked", "CC BY-SA", "Up vote"):
        assert furniture not in a.markdown


def test_a_hacker_news_item_keeps_the_story_and_indents_replies_as_quotes() -> None:
    a = extract(pages.hn_item(), "https://news.example/item?id=4100")
    assert _lines(a.markdown) == [
        "**marlinspike** · 2026-03-01 07:30", "**quillon** · 2026-03-01 08:02",
        "> **tarn** · 2026-03-01 08:30", "> > **quillon** · 2026-03-01 09:12",
        "**heddle** · 2026-03-01 10:47"]
    assert pages.STORY_TEXT[:60] in _flat(a.markdown)
    assert "> > Ten centimetres is a lot" in a.markdown
    assert a.byline == "marlinspike"  # the submitter, not a commenter
    assert "|" not in a.markdown.replace("](", "")  # no layout table left
    for furniture in ("reply", "next", "[–]", "hide", "Guidelines", "login"):
        assert furniture not in a.markdown


def test_a_reddit_like_page_nests_replies_under_the_post() -> None:
    url = "https://www.reddit.example/r/Breadit/comments/9zq1/my_first_100_rye_loaf/"
    a = extract(pages.reddit_thread(), url)
    assert _lines(a.markdown) == [
        "**fennel_and_rye** · 2026-03-01 07:30", "**crumbshot** · 2026-03-01 08:10",
        "> **fennel_and_rye** · 2026-03-01 08:35", "> > **crumbshot** · 2026-03-01 08:50",
        "**levain_larry** · 2026-03-01 09:05"]
    assert pages.REDDIT_POST[:60] in _flat(a.markdown)
    assert a.byline == "fennel_and_rye"
    for furniture in ("permalink", "embed", "report", "points", "A community for bakers",
                      "User Agreement"):
        assert furniture not in a.markdown


def test_a_mastodon_post_keeps_the_post_and_its_replies() -> None:
    a = extract(pages.mastodon_post(), "https://social.example/@tern/1101")
    assert _lines(a.markdown) == [
        "**Tern Halloway** · 2026-03-01 07:30", "**Plover** · 2026-03-01 08:02",
        "**Kittiwake** · 2026-03-01 08:40"]
    _order(a.markdown, [pages.TOOT[:50]] + [text[:50] for *_, text in pages.TOOT_REPLIES])
    assert a.byline == "Tern Halloway"
    for furniture in ("Boost", "Favourite", "Log in", "@kitti@social.example", "boosts"):
        assert furniture not in a.markdown


@pytest.mark.parametrize("paragraphs", [12, 3])
def test_an_article_with_a_comment_section_stays_the_article(paragraphs: int) -> None:
    # The same author-and-time pattern under an article is its comments, even under a
    # short one, even when they quote it paragraph by paragraph: the clip is the article.
    said = [f"Paragraph {i} of the harbour story: the council voted on the new breakwater, "
            f"the fishermen argued about the channel, and the engineers promised the work "
            f"would finish before the autumn storms." for i in range(paragraphs)]
    story = " ".join(f"<p>{text}</p>" for text in said)
    comments = "".join(
        f'<li class="comment"><div class="comment-author"><a href="/user/{who}">{who}</a></div>'
        f'<time datetime="2026-03-0{i + 2}T10:00:00Z">March {i + 2}</time>'
        f'<div class="comment-body"><blockquote>{said[i]}</blockquote><p>{who} thinks the '
        f'breakwater is a waste of money and says so at length, paragraph after '
        f'paragraph.</p></div></li>'
        for i, who in enumerate(["gannet", "shag", "fulmar"]))
    html = ("<html><head><title>Breakwater approved</title></head><body><article>"
            "<h1>Breakwater approved</h1><p class='byline'>By <a rel='author' href='/u/skua'>"
            "Skua Reporter</a> <time datetime='2026-03-01T08:00:00Z'>March 1</time></p>"
            f"{story}</article><section id='comments'><ol>{comments}</ol></section>"
            "</body></html>")
    a = extract(html, "https://harbour.example/2026/03/breakwater-approved")
    assert f"Paragraph {paragraphs - 1} of the harbour story" in a.markdown
    assert "gannet thinks" not in a.markdown
    assert not _lines(a.markdown)


@pytest.mark.parametrize("build", [pages.phpbb_thread, pages.xenforo_thread])
def test_without_the_thread_reading_a_forum_page_has_no_author_lines(
        build: object, monkeypatch: pytest.MonkeyPatch) -> None:
    # the lines come from the thread reading, not from the page's own text
    import clipper.extract as extract_module

    monkeypatch.setattr(extract_module, "read_thread", lambda *args, **kwargs: None)
    a = extract(build(), "https://forum.example/threads/x.1/")  # type: ignore[operator]
    assert not _lines(a.markdown)


def test_a_post_head_naming_author_and_date_in_one_line_is_read() -> None:
    # Hand-written forum software: "name, date" in the post's head, camelCase classes,
    # the date split over two spans.
    said = (("maja", "Seit dem Update auf iOS 13 erreichen mein iPhone und mein iPad den App "
             "Store nicht mehr über mobile Daten, obwohl es freigegeben ist. Eine Idee?"),
            ("tom", "Schau unter Bildschirmzeit nach: dort war bei mir der App Store für "
             "mobile Daten gesperrt, nach dem Update an einer neuen Stelle."),
            ("maja", "Danke, das war es. Ich hatte keine Einstellung geändert, aber die "
             "Sperre war nach dem Update plötzlich aktiv."))
    posts = "".join(
        f"<div class='MsgComment'><div class='MsgCommentHead'>{who}, "
        f"<span>12.10.19</span><span>1{i}:0{i}</span></div>"
        f"<div class='MsgCommentText'>{text}</div>"
        f"<div class='MsgCommentFunctions'><a href='#'>Zitieren</a> <a href='#'>Melden</a>"
        f"</div></div>" for i, (who, text) in enumerate(said))
    html = ("<html lang='de'><head><title>App Store über mobile Daten</title></head>"
            "<body class='Forum'><div class='topics'><h3>Forum</h3><ul>"
            + "".join(f"<li><a href='/forum/{i}'>Thema {i}</a></li>" for i in range(20))
            + f"</ul></div><main><h1>App Store über mobile Daten</h1>{posts}</main></body></html>")
    a = extract(html, "https://macforum.example/forum/discussion/app-store-338679.html")
    assert _lines(a.markdown) == ["**maja** · 12.10.19 10:00", "**tom** · 12.10.19 11:01",
                                  "**maja** · 12.10.19 12:02"]
    assert a.byline == "maja"
    assert "Zitieren" not in a.markdown


def test_an_accepted_reply_stays_under_the_question_that_opens_the_topic() -> None:
    url = "https://bread.example/t/sourdough-starter-smells-of-acetone/2231"
    page = pages.discourse_thread().replace(
        'id="post_2" ' + pages.REPLY_ITEM + '\n class="topic-body crawler-post"',
        'id="post_2" ' + pages.REPLY_ITEM + '\n class="topic-body crawler-post accepted-answer"')
    assert "accepted-answer" in page
    a = extract(page, url)
    lines = _lines(a.markdown)
    assert lines[0].startswith("**wren** · 2026-01-09 08:03")
    assert lines[1].startswith("**pipit** · 2026-01-09 09:47")
    assert a.byline == "wren"


def test_a_one_word_reply_is_a_post_not_a_button_bar() -> None:
    url = "https://bread.example/t/sourdough-starter-smells-of-acetone/2231"
    last = pages.DISCOURSE_POSTS[2][4]
    a = extract(pages.discourse_thread().replace(last, "Thanks!"), url)
    assert _lines(a.markdown)[-1] == "**wren** · 2026-01-12 18:20"
    assert _flat(a.markdown).endswith("Thanks!")


def test_a_news_article_naming_its_comments_in_json_ld_is_no_discussion() -> None:
    article = ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "x",'
               ' "discussionUrl": "/c", "comment": {"@type": "Comment",'
               ' "about": "DiscussionForumPosting"}}</script>')
    thread = '<script type="application/ld+json">{"@type": "DiscussionForumPosting"}</script>'
    assert not declares_discussion(lxml_html.document_fromstring(
        f"<html><head>{article}</head><body><p>x</p></body></html>"))
    assert declares_discussion(lxml_html.document_fromstring(
        f"<html><head>{thread}</head><body><p>x</p></body></html>"))
