"""Every command of the window as a QAction, in a menu, with its shortcuts shown.

The keys the brief promises come first (so the menu shows them), followed by
the platform's own bindings for the same command (QKeySequence.StandardKey),
so Shift+Ins pastes on Linux and Cmd+S saves on macOS as people expect.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

from .session import TOGGLED, Command

StandardKey = QKeySequence.StandardKey


class Commands(Protocol):
    """What the menus and shortcuts run (the main window provides them)."""

    def open_file(self) -> None: ...
    def import_reading_list(self) -> None: ...
    def save(self) -> None: ...
    def save_as(self) -> None: ...
    def reextract_clip(self) -> None: ...
    def load_next_queued(self) -> None: ...
    def close(self) -> bool: ...
    def paste(self) -> None: ...
    def copy_markdown(self) -> None: ...
    def find_in_article(self) -> None: ...
    def find_next(self) -> None: ...
    def find_previous(self) -> None: ...
    def show_settings(self) -> None: ...
    def focus_address(self) -> None: ...
    def focus_library_search(self) -> None: ...
    def reload(self) -> None: ...
    def stop(self) -> None: ...
    def toggle_markdown(self) -> None: ...
    def load_images(self) -> None: ...
    def show_shortcuts(self) -> None: ...
    def show_about(self) -> None: ...
    def undo(self) -> None: ...
    def open_original(self) -> None: ...
    def save_queued(self) -> None: ...
    def toggle_reader(self) -> None: ...
    def zoom_in(self) -> None: ...
    def zoom_out(self) -> None: ...
    def zoom_reset(self) -> None: ...


def key_sequences(standard: StandardKey | None, *keys: str) -> list[QKeySequence]:
    """``keys`` first, then the platform's bindings for ``standard``, without repeats."""
    sequences = [QKeySequence(k) for k in keys]
    if standard is not None:
        for seq in QKeySequence.keyBindings(standard):
            if seq not in sequences:
                sequences.append(seq)
    return sequences


def make_action(parent: QWidget, text: str, slot: Callable[[], object], *,
                keys: tuple[str, ...] = (), standard: StandardKey | None = None,
                tip: str = "") -> QAction:
    action = QAction(text, parent)
    action.setShortcuts(key_sequences(standard, *keys))
    action.setToolTip(tip or text.replace("&", "").rstrip("…"))
    action.setStatusTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    parent.addAction(action)  # shortcuts work even while the menu bar is hidden
    return action


def library_toggle(parent: QWidget, action: QAction) -> QAction:
    """Show or hide the library pane (the dock's own checkable action, with keys)."""
    action.setText("&Library")
    action.setShortcuts(key_sequences(None, "Ctrl+Shift+L", "F9"))
    action.setToolTip("Show or hide your saved clips")
    action.setStatusTip("Show or hide your saved clips")
    parent.addAction(action)
    return action


@dataclass
class Actions:
    open_file: QAction
    import_list: QAction
    save: QAction
    save_as: QAction
    reextract: QAction
    next_queued: QAction
    quit: QAction
    paste: QAction
    copy_markdown: QAction
    find: QAction
    find_next: QAction
    find_previous: QAction
    settings: QAction
    focus_address: QAction
    search_library: QAction
    library: QAction
    reload: QAction
    stop: QAction
    toggle_markdown: QAction
    load_images: QAction
    shortcuts: QAction
    about: QAction
    undo: QAction
    open_original: QAction
    save_queued: QAction
    reader: QAction
    zoom_in: QAction
    zoom_out: QAction
    zoom_reset: QAction

    def enable(self, enabled: frozenset[Command]) -> None:
        """``enabled`` from ``session.enabled_commands``; the other commands always run."""
        for name in TOGGLED:
            getattr(self, name).setEnabled(name in enabled)
        self.find_next.setEnabled("find" in enabled)
        self.find_previous.setEnabled("find" in enabled)


def build_actions(w: QWidget, t: Commands, library: QAction) -> Actions:
    """``w`` holds the shortcuts, ``t`` runs the commands, ``library`` shows the pane."""
    return Actions(
        open_file=make_action(w, "&Open File…", t.open_file, keys=("Ctrl+O",),
                              standard=StandardKey.Open, tip="Open a saved web page"),
        import_list=make_action(w, "&Import…", t.import_reading_list, keys=("Ctrl+Shift+I",),
                                tip="Clip every page of a reading list: Pocket, Instapaper, "
                                    "Omnivore, Wallabag, Raindrop.io, bookmarks"),
        save=make_action(w, "&Save to Library", t.save, keys=("Ctrl+S",),
                         standard=StandardKey.Save,
                         tip="Save the article, with your edits, as a Markdown clip"),
        save_as=make_action(w, "Save &As…", t.save_as, keys=("Ctrl+Shift+S",),
                            standard=StandardKey.SaveAs,
                            tip="Save the clip as a Markdown file anywhere"),
        reextract=make_action(w, "Re-e&xtract from Saved Page…", t.reextract_clip,
                              tip="Make the clip again from the page saved with it, with "
                                  "today's extractor; see the changes before replacing"),
        # Not Ctrl+N: every app means "New" by it.
        next_queued=make_action(w, "&Next Queued Page", t.load_next_queued, keys=("Alt+Right",),
                                tip="Load the next of the pages dropped or opened together"),
        quit=make_action(w, "&Quit", t.close, keys=("Ctrl+Q",), standard=StandardKey.Quit),
        paste=make_action(w, "&Paste Address or HTML", t.paste, keys=("Ctrl+V",),
                          standard=StandardKey.Paste,
                          tip="Load a copied address, or clip HTML copied from a browser"),
        copy_markdown=make_action(w, "&Copy Markdown", t.copy_markdown, keys=("Ctrl+Shift+C",),
                                  tip="Copy the clip (front matter and Markdown)"),
        find=make_action(w, "&Find in Article…", t.find_in_article, keys=("Ctrl+F",),
                         standard=StandardKey.Find,
                         tip="Find words in the article (the Preview or the Markdown shown)"),
        find_next=make_action(w, "Find &Next", t.find_next, keys=("F3",),
                              standard=StandardKey.FindNext),
        find_previous=make_action(w, "Find Pre&vious", t.find_previous, keys=("Shift+F3",),
                                  standard=StandardKey.FindPrevious),
        settings=make_action(w, "Se&ttings…", t.show_settings, keys=("Ctrl+,",),
                             standard=StandardKey.Preferences),
        focus_address=make_action(w, "Go to &Address Field", t.focus_address,
                                  keys=("Ctrl+L",)),
        # Ctrl+K as in many apps, Ctrl+Shift+F as "find in files" (Ctrl+F finds in the
        # article); both work from anywhere, text fields included (tested).
        search_library=make_action(w, "&Search Library", t.focus_library_search,
                                   keys=("Ctrl+K", "Ctrl+Shift+F"),
                                   tip="Find a clip by its title, site, tags or text"),
        library=library_toggle(w, library),
        reload=make_action(w, "&Reload", t.reload, keys=("F5",), standard=StandardKey.Refresh,
                           tip="Load the page again"),
        stop=make_action(w, "S&top Loading", t.stop, keys=("Esc",), standard=StandardKey.Cancel),
        toggle_markdown=make_action(w, "&Markdown / Preview", t.toggle_markdown,
                                    keys=("Ctrl+E",), tip="Switch between editing and reading"),
        load_images=make_action(w, "Load Page &Images", t.load_images,
                                tip="Fetch the page's images to show them (nothing remote "
                                    "loads until you ask)"),
        shortcuts=make_action(w, "&Keyboard Shortcuts", t.show_shortcuts, keys=("F1", "Ctrl+/"),
                              standard=StandardKey.HelpContents),
        about=make_action(w, "&About Clipper", t.show_about),
        # Ctrl+Z stays a text field's own Undo (shortcut_keys): this one runs elsewhere.
        undo=make_action(w, "&Undo Move to Trash", t.undo, keys=("Ctrl+Z",),
                         standard=StandardKey.Undo,
                         tip="Put the clip last moved to the trash back, with its images"),
        open_original=make_action(w, "Open &Original in Browser", t.open_original,
                                  keys=("Ctrl+Shift+O",),
                                  tip="Open the clip's web address in your browser"),
        save_queued=make_action(w, "Save All &Queued Pages", t.save_queued,
                                tip="Load and save every page waiting in the queue, as Ctrl+S "
                                    "would (pages already in the library are skipped)"),
        reader=_checkable(make_action(w, "&Reader Layout", t.toggle_reader,
                                      keys=("Ctrl+Shift+R",),
                                      tip="The article alone, centred at a comfortable width")),
        zoom_in=make_action(w, "Zoom &In", t.zoom_in, keys=("Ctrl+=", "Ctrl++"),
                            standard=StandardKey.ZoomIn,
                            tip="Larger text in the article, the Markdown and the source"),
        zoom_out=make_action(w, "Zoom O&ut", t.zoom_out, keys=("Ctrl+-",),
                             standard=StandardKey.ZoomOut, tip="Smaller text"),
        zoom_reset=make_action(w, "&Actual Size", t.zoom_reset, keys=("Ctrl+0",),
                               tip="The text at its normal size"),
    )


def _checkable(action: QAction) -> QAction:
    action.setCheckable(True)
    return action


def build_menus(bar: QMenuBar, a: Actions) -> list[QMenu]:
    layout: list[tuple[str, list[QAction | None]]] = [
        ("&File", [a.open_file, a.import_list, None, a.save, a.save_as, a.reextract,
                   a.open_original, None, a.next_queued, a.save_queued, None, a.quit]),
        ("&Edit", [a.undo, None, a.paste, a.copy_markdown, None, a.find, a.find_next,
                   a.find_previous, None, a.settings]),
        ("&View", [a.library, a.search_library, None, a.focus_address, a.reload, a.stop, None,
                   a.toggle_markdown, a.load_images, None, a.reader, a.zoom_in, a.zoom_out,
                   a.zoom_reset]),
        ("&Help", [a.shortcuts, None, a.about]),
    ]
    menus = []
    for title, entries in layout:
        menu = bar.addMenu(title)
        for entry in entries:
            if entry is None:
                menu.addSeparator()
            else:
                menu.addAction(entry)
        menus.append(menu)
    return menus
