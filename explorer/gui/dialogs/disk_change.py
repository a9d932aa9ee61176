"""Saving over a file that another window or program changed since it was opened or last
saved here (core.on_disk finds it): the strategist is asked — overwrite, save as another file,
or reload the file — and it is never overwritten silently."""
from __future__ import annotations

import os

from PySide6.QtWidgets import QMessageBox

from ...core.on_disk import REMOVED, disk_change
from ..style import message_box


def ask_disk_change_box(parent, doc, change: str) -> str:
    """"overwrite", "save_as", "reload" (not offered for a removed file) or "cancel"."""
    name = os.path.basename(doc.file_path)
    box = message_box(parent, QMessageBox.Icon.Warning, "File changed on disk",
                      f"{name} was {'removed or moved' if change == REMOVED else 'changed'} by another window "
                      "or program since you opened or last saved it here.")
    box.setInformativeText("Overwrite it with this scenario, save this scenario as another file, or "
                           "reload the file (the changes made here are lost)?")
    buttons = {box.addButton("Overwrite", QMessageBox.ButtonRole.DestructiveRole): "overwrite"}
    save_as = box.addButton("Save As…", QMessageBox.ButtonRole.AcceptRole)
    buttons[save_as] = "save_as"
    if change != REMOVED:
        buttons[box.addButton("Reload", QMessageBox.ButtonRole.ResetRole)] = "reload"
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(save_as)
    box.exec()
    return buttons.get(box.clickedButton(), "cancel")


def settle_before_save(files, doc) -> bool | None:
    """None when ``doc`` may be written to its file (unchanged on disk, or the strategist said
    overwrite); else what the save comes to after the answer (save as, reload or cancel)."""
    change = disk_change(doc.file_path, getattr(doc, "file_sha", None))
    if not change:
        return None
    answer = files.ask_disk_change(doc, change)
    if answer == "overwrite":
        return None
    if answer == "save_as":
        return files.save_as(doc)
    if answer == "reload":
        files.reload(doc)
    return False
