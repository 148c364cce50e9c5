"""What the tests share, imported as ``from helpers.x import y`` (``tests/`` is on the path).

- ``httpserver``: a loopback HTTP server (the tests never reach the internet);
- ``qt_env``: Qt offscreen with a private runtime folder (import before PySide6);
- ``pages``: the reference page and small article pages to load;
- ``window``: steps a person takes in the window (wait, drop, press, type);
- ``dialogs``: answering the window's modal dialogs;
- ``hang_guard``: inputs that once hung, run in a child process with a deadline;
- ``markdown``: converting and rendering back for the Markdown tests.
"""
