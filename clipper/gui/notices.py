"""The session's notice in the message bar, and what its button does (Try Again, Undo,
Choose the Article…)."""

from __future__ import annotations

from collections.abc import Callable

from clipper.models import Source

from .session import Notice, Session
from .widgets.message_bar import MessageBar

CHOOSE = "Choose the Article…"


class Notices:
    def __init__(self, session: Session, bar: MessageBar, *, retry: Callable[[Source], None],
                 undo: Callable[[], None], pick: Callable[[], None]) -> None:
        self._session = session
        self._bar = bar
        self._retry = retry
        self._undo = undo
        self._pick = pick
        self._shown: Notice | None = None
        bar.action_triggered.connect(self._on_action)
        bar.dismissed.connect(session.dismissed)

    def render(self, notice: Notice | None) -> None:
        if notice is self._shown:
            return
        self._shown = notice
        if notice is None:
            self._bar.dismiss()
            return
        action = ("Try Again" if notice.retry else "Undo" if notice.undo
                  else CHOOSE if notice.pick else None)
        self._bar.show_message(notice.text, notice.level, details=notice.details,
                               action=action)

    def _on_action(self) -> None:
        notice = self._session.notice
        if notice is not None and notice.undo is not None:
            self._undo()
            return
        self._session.dismissed()
        if notice is not None and notice.retry is not None:
            self._retry(notice.retry)
        elif notice is not None and notice.pick:
            self._pick()
