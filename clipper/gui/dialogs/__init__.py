"""Dialogs and prompts of the main window."""
