# ruff: noqa: E501 -- a table-built page as such software writes it: one long line per row
"""A forum thread laid out as one table (phpBB 2's subSilver, vBulletin 3 and many
self-made boards): a header row "Author | Message", then per post a row with the
author's cell beside the message cell, a row of profile buttons and a spacer row.
Written for the tests; no real forum's text."""

from __future__ import annotations

SUBJECT = "Pond liner keeps folding at the corners"

POSTS = (
    ("marsh_tit", "Tue Mar 02, 2004 9:15 am", "Joined: 12 Mar 2003<br />Posts: 45",
     "<p>I laid a 6 by 4 metre EPDM liner last weekend and the corners will not lie flat. "
     "Every fold I make traps a pocket of air that shows once the water is in.</p>"
     "<p>Should I cut the folds away, or is there a way to pleat the corners neatly?</p>"),
    ("reedbed", "Tue Mar 02, 2004 11:40 am", "Joined: 02 Jan 2002<br />Posts: 1210",
     "<p>Never cut an EPDM liner at the corners. Fill the pond a third of the way first "
     "and let the weight of the water pull the liner into shape.</p>"
     "<p>Then make one large pleat per corner, folded towards the deep end, and hold it "
     "with a brick until the pond is full.</p>"),
    ("marsh_tit", "Wed Mar 03, 2004 8:03 am", "Joined: 12 Mar 2003<br />Posts: 46",
     "<blockquote><cite>reedbed wrote:</cite>Fill the pond a third of the way first and let "
     "the weight of the water pull the liner into shape.</blockquote>"
     "<p>That did it: with the water in, the corners settled into two tidy pleats each. "
     "The brick trick kept them from creeping while it filled.</p>"),
    ("heron_watch", "Thu Mar 04, 2004 6:52 pm", "Joined: 30 Jun 2003<br />Posts: 312",
     "<p>Glad it worked. Put a strip of old carpet under the pleats before the edging "
     "stones go on, or the stones will wear through the folds in a few summers.</p>"),
)


def _post(index: int, author: str, when: str, details: str, body: str) -> str:
    row = "row1" if index % 2 == 0 else "row2"
    number = 1021 + index
    subject = SUBJECT if index == 0 else f"Re: {SUBJECT}"
    return f"""<tr>
<td width="150" align="left" valign="top" class="{row}"><span class="name"><a name="{number}"></a><b>{author}</b></span><br /><span class="postdetails">{details}</span><br /></td>
<td class="{row}" width="100%" height="28" valign="top"><table width="100%" border="0" cellspacing="0" cellpadding="0">
<tr><td width="100%"><a href="viewtopic.php?p={number}#{number}"><img src="templates/subSilver/images/icon_minipost.gif" width="12" height="9" alt="Post" border="0" /></a><span class="postdetails">Posted: {when}<span class="gen">&nbsp;</span>&nbsp; &nbsp;Post subject: {subject}</span></td>
<td valign="top" nowrap="nowrap"><a href="posting.php?mode=quote&amp;p={number}"><img src="templates/subSilver/images/lang_english/icon_quote.gif" alt="Reply with quote" title="Reply with quote" border="0" /></a></td></tr>
<tr><td colspan="2"><hr /></td></tr>
<tr><td colspan="2"><span class="postbody">{body}</span><span class="gensmall"></span></td></tr>
</table></td></tr>
<tr><td class="{row}" width="150" align="left" valign="middle"><span class="nav"><a href="#top" class="nav">Back to top</a></span></td>
<td class="{row}" width="100%" height="28" valign="bottom" nowrap="nowrap"><a href="profile.php?mode=viewprofile&amp;u={index + 7}"><img src="templates/subSilver/images/lang_english/icon_profile.gif" alt="View user's profile" border="0" /></a> <a href="privmsg.php?mode=post&amp;u={index + 7}"><img src="templates/subSilver/images/lang_english/icon_pm.gif" alt="Send private message" border="0" /></a></td></tr>
<tr><td class="spaceRow" colspan="2" height="1"><img src="templates/subSilver/images/spacer.gif" alt="" width="1" height="1" /></td></tr>"""


def phpbb2_thread() -> str:
    posts = "\n".join(_post(i, *p) for i, p in enumerate(POSTS))
    return f"""<html><head><title>Ponds Forum :: View topic - {SUBJECT}</title></head>
<body bgcolor="#E5E5E5" text="#000000"><a name="top"></a>
<table width="100%" cellspacing="0" cellpadding="10" border="0" align="center"><tr><td class="bodyline">
<table width="100%" cellspacing="0" cellpadding="0" border="0"><tr>
<td><a href="index.php"><img src="templates/subSilver/images/logo_phpBB.gif" border="0" alt="Ponds Forum Forum Index" /></a></td>
<td align="center" width="100%" valign="middle"><span class="maintitle">Ponds Forum</span><br /><span class="gen">Garden ponds, liners, pumps and wildlife<br />&nbsp; </span>
<table cellspacing="0" cellpadding="2" border="0"><tr><td align="center" valign="top" nowrap="nowrap"><span class="mainmenu">&nbsp;<a href="faq.php" class="mainmenu">FAQ</a>&nbsp; &nbsp;<a href="search.php" class="mainmenu">Search</a>&nbsp; &nbsp;<a href="memberlist.php" class="mainmenu">Memberlist</a>&nbsp; &nbsp;<a href="groupcp.php" class="mainmenu">Usergroups</a>&nbsp; &nbsp;<a href="profile.php?mode=register" class="mainmenu">Register</a>&nbsp;</span></td></tr></table></td></tr></table>
<br />
<table width="100%" cellspacing="2" cellpadding="2" border="0"><tr><td align="left" valign="bottom" colspan="2"><a class="maintitle" href="viewtopic.php?t=88">{SUBJECT}</a><br /></td></tr></table>
<table width="100%" cellspacing="2" cellpadding="2" border="0"><tr><td align="left" valign="middle" width="100%"><span class="nav">&nbsp;&nbsp;&nbsp;<a href="index.php" class="nav">Ponds Forum Forum Index</a> -&gt; <a href="viewforum.php?f=3" class="nav">Building a pond</a></span></td></tr></table>
<table class="forumline" width="100%" cellspacing="1" cellpadding="3" border="0">
<tr align="right"><td class="catHead" colspan="2" height="28"><span class="nav"><a href="viewtopic.php?t=88&amp;view=previous" class="nav">View previous topic</a> :: <a href="viewtopic.php?t=88&amp;view=next" class="nav">View next topic</a> &nbsp;</span></td></tr>
<tr><th class="thLeft" width="150" height="26" nowrap="nowrap">Author</th><th class="thRight" nowrap="nowrap">Message</th></tr>
{posts}
<tr align="center"><td class="catBottom" colspan="2" height="28"><span class="gensmall">Display posts from previous: All Posts</span></td></tr>
</table>
<table width="100%" cellspacing="2" border="0" align="center"><tr><td valign="top" align="left"><span class="gensmall">You cannot post new topics in this forum<br />You cannot reply to topics in this forum</span></td></tr></table>
<div align="center"><span class="copyright">Powered by phpBB &copy; 2001, 2002 phpBB Group</span></div>
</td></tr></table></body></html>"""


VB_POSTS = (
    ("corncrake", "03-02-2004, 09:15 AM", "Junior Member",
     "My new pump hums loudly at night and the neighbours have started to complain. It sits "
     "on the pond floor on a paving slab.<br /><br />Would a different base make it quieter, "
     "or is the pump simply worn?"),
    ("dabchick", "03-02-2004, 01:40 PM", "Senior Member",
     "Put it on a thick piece of closed-cell foam instead of the slab: the slab carries the "
     "hum into the liner and the liner acts like a drum skin."),
    ("corncrake", "03-03-2004, 08:20 AM", "Junior Member",
     "The foam worked. The hum is gone and only the water can be heard now; thank you."),
)


def _vb_post(index: int, author: str, when: str, rank: str, body: str) -> str:
    number = 5510 + index
    return f"""<div id="edit{number}" style="padding:0px 0px 6px 0px">
<table id="post{number}" class="tborder" cellpadding="6" cellspacing="0" border="0" width="100%" align="center">
<tr><td class="thead" style="font-weight:normal"><a name="post{number}"><img class="inlineimg" src="images/statusicon/post_old.gif" alt="Old" border="0" /></a> {when}</td>
<td class="thead" style="font-weight:normal" align="right">#<a href="showpost.php?p={number}&amp;postcount={index + 1}" target="new" id="postcount{number}" name="{index + 1}"><strong>{index + 1}</strong></a></td></tr>
<tr valign="top"><td class="alt2" width="175" style="border: 1px solid #D1D1E1; border-top: 0px; border-bottom: 0px"><div id="postmenu_{number}"><a class="bigusername" href="member.php?u={index + 40}">{author}</a></div><div class="smallfont">{rank}</div><div class="smallfont">&nbsp;<br /><div>Join Date: Mar 2003</div><div>Posts: {12 + index}</div></div></td>
<td class="alt1" id="td_post_{number}" style="border-right: 1px solid #D1D1E1"><div id="post_message_{number}">{body}</div></td></tr>
<tr><td class="alt2" style="border: 1px solid #D1D1E1; border-top: 0px"><img class="inlineimg" src="images/statusicon/user_offline.gif" alt="offline" border="0" /></td>
<td class="alt1" align="right" style="border: 1px solid #D1D1E1; border-left: 0px; border-top: 0px"><a href="newreply.php?do=newreply&amp;p={number}" rel="nofollow"><img src="images/buttons/quote.gif" alt="Reply With Quote" border="0" /></a></td></tr>
</table></div>"""


def vbulletin3_thread() -> str:
    posts = "\n".join(_vb_post(i, *p) for i, p in enumerate(VB_POSTS))
    return f"""<html><head><title>Noisy pond pump at night - Pond Keepers Forums</title></head>
<body><div align="center"><div class="page" style="width:100%; text-align:left">
<table class="tborder" cellpadding="6" cellspacing="1" border="0" width="100%" align="center">
<tr><td class="alt1" width="100%"><span class="navbar"><a href="index.php" accesskey="1">Pond Keepers Forums</a></span> <span class="navbar">&gt; <a href="forumdisplay.php?f=4">Pumps and filters</a></span></td>
<td class="alt2" nowrap="nowrap" style="padding:0px"><form action="login.php?do=login" method="post"><span class="smallfont">User Name</span> <input type="text" class="bginput" name="vb_login_username" size="10" /></form></td></tr></table>
<br />
<table class="tcat" width="100%"><tr><td><a href="usercp.php">User CP</a> <a href="faq.php">FAQ</a> <a href="memberlist.php">Members List</a> <a href="calendar.php">Calendar</a> <a href="search.php">Search</a></td></tr></table>
<div id="posts">
{posts}
</div>
<table class="tborder" cellpadding="6" cellspacing="1" border="0" width="100%"><tr><td class="thead">Similar Threads</td></tr>
<tr><td class="alt1"><a href="showthread.php?t=301">Pump recommendations for a small pond</a> by reedling, 02-11-2004</td></tr>
<tr><td class="alt1"><a href="showthread.php?t=288">Filter or no filter?</a> by ouzel, 01-30-2004</td></tr></table>
<div class="smallfont" align="center">Powered by vBulletin Version 3.0.1<br />Copyright &copy;2000 - 2004, Jelsoft Enterprises Ltd.</div>
</div></div></body></html>"""
